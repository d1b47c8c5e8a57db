package io.jenkins.plugins.fathomable.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a poll pass is due. Jenkins reads a periodic work's period only once, at start-up, so the poller ticks
 * every minute and polls when the configured interval (which an admin may change at any time) has passed. A
 * controller started with the system property {@value #INTERVAL_PROPERTY} (seconds) ticks and polls that often
 * instead, whatever the setting says: for test and demonstration controllers, where minutes are too slow.
 */
final class PollSchedule {

    /** Slack for timer jitter: a tick a few seconds early still counts as the interval having passed. */
    static final Duration SLACK = Duration.ofSeconds(5);

    /** The tick when no override is given. */
    static final Duration TICK = Duration.ofMinutes(1);

    /** Seconds between polls, overriding the poll interval setting (read once, at start-up). */
    static final String INTERVAL_PROPERTY = "io.jenkins.plugins.fathomable.engine.FathomablePoller.intervalSeconds";

    private PollSchedule() {
    }

    static boolean due(Instant lastPass, Instant now, Duration interval) {
        return lastPass == null || !now.isBefore(lastPass.plus(interval).minus(SLACK));
    }

    /**
     * The override the property's value asks for: empty when not set.
     *
     * @throws IllegalArgumentException naming the property when the value is not a whole number of seconds from 1
     *                                  to a day
     */
    static Optional<Duration> override(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 1 && seconds <= Duration.ofDays(1).toSeconds()) {
                return Optional.of(Duration.ofSeconds(seconds));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + INTERVAL_PROPERTY + " must be a whole number of seconds from 1 to "
                + Duration.ofDays(1).toSeconds() + ", got '" + value + "'; ignoring it");
    }
}
