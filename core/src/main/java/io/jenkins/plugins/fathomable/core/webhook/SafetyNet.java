package io.jenkins.plugins.fathomable.core.webhook;

import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How often each tracker is polled once webhooks arrive: at {@code pollInterval}, or at the longer
 * {@code webhookInterval} while webhooks flow for it ({@link Webhooks#flowFor}) and its last poll went well. The
 * poll is then only the safety net for a lost delivery.
 *
 * @param pollInterval    how often a pass runs, and how often trackers without webhooks are polled
 * @param webhookInterval how often trackers whose webhooks flow are polled (default: 12 × {@code pollInterval})
 */
public record SafetyNet(Duration pollInterval, Duration webhookInterval) {

    /** The default {@code webhookInterval} is this many poll intervals. */
    public static final int DEFAULT_FACTOR = 12;

    public SafetyNet {
        Objects.requireNonNull(pollInterval, "pollInterval");
        webhookInterval = webhookInterval == null ? pollInterval.multipliedBy(DEFAULT_FACTOR) : webhookInterval;
        if (webhookInterval.compareTo(pollInterval) < 0) {
            webhookInterval = pollInterval;
        }
    }

    /** Every tracker at every pass: no webhooks considered. */
    public static SafetyNet every(Duration pollInterval) {
        return new SafetyNet(pollInterval, pollInterval);
    }

    /** How often this tracker is polled now. */
    public Duration interval(TrackerRecord record, Instant now, Webhooks webhooks) {
        boolean ok = record.observation().status() == TrackerObservation.Status.OK;
        return ok && webhooks.flowFor(record, now, webhookInterval) ? webhookInterval : pollInterval;
    }

    /**
     * Whether a pass starting {@code now} polls this tracker: every pass while its webhooks do not flow (as without
     * webhooks, also a pass run by hand right after the last), else once its safety-net interval is over, with half
     * a poll interval of slack, so a tracker polled late in the last pass is still due in the next one.
     */
    public boolean due(TrackerRecord record, Instant now, Webhooks webhooks) {
        Instant last = record.observation().lastPoll();
        if (last == null || webhookInterval.equals(pollInterval)) {
            return true;
        }
        Duration interval = interval(record, now, webhooks);
        return interval.equals(pollInterval) || !now.isBefore(last.plus(interval).minus(pollInterval.dividedBy(2)));
    }
}
