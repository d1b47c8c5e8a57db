package io.jenkins.plugins.fathomable.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a poll pass is due. Jenkins reads a periodic work's period only once, at start-up, so the poller ticks
 * every minute and polls when the configured interval (which an admin may change at any time) has passed.
 */
final class PollSchedule {

    /** Slack for timer jitter: a tick a few seconds early still counts as the interval having passed. */
    static final Duration SLACK = Duration.ofSeconds(5);

    private PollSchedule() {
    }

    static boolean due(Instant lastPass, Instant now, Duration interval) {
        return lastPass == null || !now.isBefore(lastPass.plus(interval).minus(SLACK));
    }
}
