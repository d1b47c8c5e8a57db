package io.jenkins.plugins.fathomable.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

/** The GitHub request budget settings: core's ranges, errors naming the plugin's fields. */
class GitHubBudgetTest {

    @Test
    void keepsValuesInRange() {
        GitHubBudget.check(GitHubBudget.REST, 900);
        GitHubBudget.check(GitHubBudget.GRAPHQL, 1);
        GitHubBudget.check(GitHubBudget.IN_FLIGHT, 100);
        assertThat(GitHubBudget.problems(GitHubBudget.REST, " 450 ")).isEmpty();
    }

    @Test
    void rejectsOutOfRangeNamingThePluginsField() {
        assertThatThrownBy(() -> GitHubBudget.check(GitHubBudget.IN_FLIGHT, 101))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("githubMaxInFlight", "must be a whole number from 1 to 100, got 101")));
        assertThatThrownBy(() -> GitHubBudget.check(GitHubBudget.REST, 0))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("githubRestPointsPerMinute"));
        assertThat(GitHubBudget.problems(GitHubBudget.GRAPHQL, "lots")).containsExactly("must be a whole number, got 'lots'");
        assertThat(GitHubBudget.problems(GitHubBudget.GRAPHQL, "")).containsExactly("must be a whole number, got nothing");
    }
}
