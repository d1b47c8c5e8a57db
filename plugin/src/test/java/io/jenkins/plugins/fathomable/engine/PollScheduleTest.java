package io.jenkins.plugins.fathomable.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-30T04:00:00Z");

    @Test
    void theFirstTickPolls() {
        assertThat(PollSchedule.due(null, T0, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void ticksInsideTheIntervalOnlyReconcile() {
        assertThat(PollSchedule.due(T0, T0.plusSeconds(60), Duration.ofMinutes(5))).isFalse();
        assertThat(PollSchedule.due(T0, T0.plusSeconds(240), Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void aTickAtTheIntervalPollsEvenIfTheTimerIsSlightlyEarly() {
        assertThat(PollSchedule.due(T0, T0.plusSeconds(300), Duration.ofMinutes(5))).isTrue();
        assertThat(PollSchedule.due(T0, T0.plusSeconds(297), Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void aShorterIntervalTakesEffectAtTheNextTick() {
        assertThat(PollSchedule.due(T0, T0.plusSeconds(120), Duration.ofMinutes(60))).isFalse();
        assertThat(PollSchedule.due(T0, T0.plusSeconds(120), Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void theSystemPropertyOverridesTheIntervalInWholeSeconds() {
        assertThat(PollSchedule.override(null)).isEmpty();
        assertThat(PollSchedule.override(" ")).isEmpty();
        assertThat(PollSchedule.override(" 3 ")).contains(Duration.ofSeconds(3));
        assertThat(PollSchedule.override("86400")).contains(Duration.ofDays(1));
        // every tick of a short override polls, slack or not
        assertThat(PollSchedule.due(T0, T0.plusSeconds(3), Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void aBadOverrideIsRefusedNamingTheProperty() {
        for (String bad : List.of("0", "-5", "2.5", "3s", "86401")) {
            assertThatThrownBy(() -> PollSchedule.override(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-D" + PollSchedule.INTERVAL_PROPERTY)
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
