package io.jenkins.plugins.fathomable.config;

import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.List;

/**
 * The three GitHub request budget settings, checked by core's {@link GitHubLimits} with errors naming the plugin's
 * field ({@code githubRestPointsPerMinute} …).
 */
final class GitHubBudget {

    /** A setting: the plugin's field and the name {@link GitHubLimits} gives it. */
    record Setting(String field, String coreField) {}

    static final Setting REST = new Setting("githubRestPointsPerMinute", "restPointsPerMinute");
    static final Setting GRAPHQL = new Setting("githubGraphqlPointsPerMinute", "graphqlPointsPerMinute");
    static final Setting IN_FLIGHT = new Setting("githubMaxInFlight", "maxInFlight");

    private GitHubBudget() {
    }

    /** Throws a {@link ValidationException} naming the field when {@code value} is out of range. */
    static void check(Setting setting, int value) {
        List<String> problems = problems(setting, value);
        if (!problems.isEmpty()) {
            throw new ValidationException(List.of(new FieldError(setting.field(), problems.get(0))));
        }
    }

    /** The problems with form input {@code text} (none when it is a whole number in range). */
    static List<String> problems(Setting setting, String text) {
        String t = text == null ? "" : text.trim();
        try {
            return problems(setting, Integer.parseInt(t));
        } catch (NumberFormatException e) {
            return List.of("must be a whole number, got " + (t.isEmpty() ? "nothing" : "'" + t + "'"));
        }
    }

    private static List<String> problems(Setting setting, int value) {
        try {
            GitHubLimits.of(setting == REST ? value : null, setting == GRAPHQL ? value : null,
                    setting == IN_FLIGHT ? value : null);
            return List.of();
        } catch (ValidationException e) {
            return e.errors().stream().filter(err -> err.field().equals(setting.coreField())).map(FieldError::message)
                    .toList();
        }
    }
}
