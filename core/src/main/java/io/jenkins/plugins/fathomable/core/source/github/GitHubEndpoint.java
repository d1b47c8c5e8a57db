package io.jenkins.plugins.fathomable.core.source.github;

import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where a GitHub API lives: the REST root as configured, and the GraphQL endpoint derived from it the way GitHub
 * lays them out ({@code https://api.github.com} → {@code https://api.github.com/graphql}; GitHub Enterprise Server
 * {@code https://HOST/api/v3} → {@code https://HOST/api/graphql}).
 */
public record GitHubEndpoint(HttpUrl rest, HttpUrl graphql) {

    public GitHubEndpoint {
        Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(graphql, "graphql");
    }

    /** @throws IllegalArgumentException when {@code apiUrl} is not an http(s) URL */
    public static GitHubEndpoint of(String apiUrl) {
        HttpUrl rest = HttpUrl.parse(Objects.requireNonNull(apiUrl, "apiUrl").trim());
        if (rest == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + apiUrl);
        }
        String path = rest.encodedPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String graphqlPath = path.endsWith("/api/v3") ? path.substring(0, path.length() - "/v3".length()) + "/graphql"
                : path + "/graphql";
        return new GitHubEndpoint(rest, rest.newBuilder().encodedPath(graphqlPath).query(null).build());
    }

    /** The REST root as people write it: without the trailing {@code /} of a bare host. */
    public String display() {
        String text = rest.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The API host, with its port when it is not the scheme's default: governors are per host and credential. */
    public String host() {
        return rest.port() == HttpUrl.defaultPort(rest.scheme()) ? rest.host() : rest.host() + ":" + rest.port();
    }

    /** {@code /repos/OWNER/NAME/contents/PATH?ref=COMMIT}, each path segment encoded. */
    HttpUrl contents(String repo, String path, String commitSha) {
        int slash = repo.indexOf('/');
        // OkHttp replaces a trailing empty segment (the root "/") rather than adding after it
        return rest.newBuilder().addPathSegment("repos").addPathSegment(repo.substring(0, slash))
                .addPathSegment(repo.substring(slash + 1)).addPathSegment("contents").addPathSegments(path)
                .addQueryParameter("ref", commitSha).build();
    }
}
