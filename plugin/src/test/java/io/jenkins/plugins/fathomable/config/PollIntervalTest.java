package io.jenkins.plugins.fathomable.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

class PollIntervalTest {

    @Test
    void keepsValuesInRange() {
        assertThat(PollInterval.require(1)).isEqualTo(1);
        assertThat(PollInterval.require(1440)).isEqualTo(1440);
        assertThat(PollInterval.check(" 5 ")).isEmpty();
    }

    @Test
    void rejectsOutOfRangeNamingTheField() {
        assertThatThrownBy(() -> PollInterval.require(0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("pollIntervalMinutes", "must be a whole number of minutes from 1 to 1440, got 0")));
        assertThatThrownBy(() -> PollInterval.require(1441)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("got 1441");
    }

    @Test
    void explainsBadFormInput() {
        assertThat(PollInterval.check("ten")).containsExactly(
                "must be a whole number of minutes from 1 to 1440, got 'ten'");
        assertThat(PollInterval.check("")).containsExactly(
                "must be a whole number of minutes from 1 to 1440, got nothing");
        assertThat(PollInterval.check("-3")).singleElement().asString().endsWith("got -3");
    }
}
