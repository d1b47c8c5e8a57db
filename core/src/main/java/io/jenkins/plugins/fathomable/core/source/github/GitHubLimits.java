package io.jenkins.plugins.fathomable.core.source.github;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * How much one credential may ask of one GitHub API host. GitHub's secondary rate limits count every request, free
 * {@code 304}s included: at most 900 points a minute for REST (a {@code GET} is one point), 2,000 for GraphQL (a
 * query is one point) and at most 100 requests at once; past them it answers {@code 403}/{@code 429} and blocks the
 * token for a while. The defaults keep to those limits.
 *
 * @param restPointsPerMinute    REST requests sent in any 60 seconds
 * @param graphqlPointsPerMinute GraphQL queries sent in any 60 seconds
 * @param maxInFlight            requests waiting for their answer at once
 */
public record GitHubLimits(int restPointsPerMinute, int graphqlPointsPerMinute, int maxInFlight) {

    public static final int DEFAULT_REST_POINTS_PER_MINUTE = 900;
    public static final int DEFAULT_GRAPHQL_POINTS_PER_MINUTE = 2_000;
    public static final int DEFAULT_MAX_IN_FLIGHT = 10;
    /** GitHub's own cap on concurrent requests. */
    public static final int MAX_IN_FLIGHT = 100;
    private static final int MAX_POINTS = 1_000_000;

    public static final GitHubLimits DEFAULT = new GitHubLimits(DEFAULT_REST_POINTS_PER_MINUTE,
            DEFAULT_GRAPHQL_POINTS_PER_MINUTE, DEFAULT_MAX_IN_FLIGHT);

    public GitHubLimits {
        List<FieldError> errors = new ArrayList<>();
        check("restPointsPerMinute", restPointsPerMinute, MAX_POINTS, errors);
        check("graphqlPointsPerMinute", graphqlPointsPerMinute, MAX_POINTS, errors);
        check("maxInFlight", maxInFlight, MAX_IN_FLIGHT, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** Settings as hosts hold them: {@code null} (not set) takes the default. */
    public static GitHubLimits of(Integer restPointsPerMinute, Integer graphqlPointsPerMinute, Integer maxInFlight) {
        return new GitHubLimits(restPointsPerMinute == null ? DEFAULT_REST_POINTS_PER_MINUTE : restPointsPerMinute,
                graphqlPointsPerMinute == null ? DEFAULT_GRAPHQL_POINTS_PER_MINUTE : graphqlPointsPerMinute,
                maxInFlight == null ? DEFAULT_MAX_IN_FLIGHT : maxInFlight);
    }

    private static void check(String field, int value, int max, List<FieldError> errors) {
        if (value < 1 || value > max) {
            errors.add(new FieldError(field, "must be a whole number from 1 to " + String.format("%,d", max)
                    + ", got " + value));
        }
    }
}
