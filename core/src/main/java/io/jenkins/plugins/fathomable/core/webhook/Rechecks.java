package io.jenkins.plugins.fathomable.core.webhook;

import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.source.registry.SemVer;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.store.TrackerStore;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Looks again when a registry notification overtook its tag. {@code docker-registry} can send the notification of a
 * manifest push before a {@code HEAD} of the tag answers the new digest; the look then sees the old digest and
 * nothing is queued until the safety-net poll. So when a notification announces a digest and the look leaves the
 * tracker where it was before the delivery, the tracker is looked at again after each of {@link #DELAYS}.
 *
 * <p>The announced digest only decides whether to look again; what is deployed is what the registry answers. Looking
 * again stops as soon as the tracker's observation holds the announced digest or moved anywhere else since the
 * delivery (the registry shows something newer, or a poll or another delivery saw the move), or the tracker is gone.
 */
final class Rechecks {

    /** Back-off between looks; the last one gives up and leaves the tag to the safety-net poll. */
    static final List<Duration> DELAYS = List.of(Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(3));

    /** What a delivery announced for one tracker, and what the tracker showed when it arrived. */
    private static final class Awaited {
        final String announced;
        final ImageVersion before;
        int attempts;
        boolean scheduled;

        Awaited(String announced, ImageVersion before) {
            this.announced = announced;
            this.before = before;
        }
    }

    private final TrackerStore store;
    private final Webhooks.Later later;
    private final Consumer<TrackerId> lookAgain;
    private final Consumer<String> log;
    private final Map<TrackerId, Awaited> awaited = new HashMap<>();

    Rechecks(TrackerStore store, Webhooks.Later later, Consumer<TrackerId> lookAgain, Consumer<String> log) {
        this.store = store;
        this.later = Objects.requireNonNull(later, "later");
        this.lookAgain = lookAgain;
        this.log = log;
    }

    /**
     * A delivery that will look at {@code record} announces this push: remember what to wait for if the push can move
     * the tracker (its own tag re-pushed, or a SemVer tag newer than the one it follows) and the record does not
     * already hold the announced digest.
     */
    synchronized void expect(Hint.TagPushed pushed, TrackerRecord record) {
        ImageVersion image = record.observation().image();
        if (pushed.announced() == null || image == null || pushed.announced().equals(image.digest())) {
            return;
        }
        boolean sameTag = image.tag().equals(pushed.tag());
        boolean newer = !sameTag && SemVer.parse(pushed.tag())
                .flatMap(p -> SemVer.parse(image.tag()).map(current -> p.compareTo(current) > 0)).orElse(false);
        if (sameTag || newer) {
            Awaited previous = awaited.get(record.id());
            Awaited next = new Awaited(pushed.announced(), image);
            next.scheduled = previous != null && previous.scheduled; // that retry will run the look for this one too
            awaited.put(record.id(), next);
        }
    }

    /** After a look at these trackers: forget those that moved, schedule the next look for the others. */
    void looked(List<TrackerId> ids) {
        for (TrackerId id : ids) {
            synchronized (this) {
                Awaited a = awaited.get(id);
                if (a == null || a.scheduled) {
                    continue;
                }
            }
            Optional<TrackerRecord> record = store.get(id);
            Duration delay;
            synchronized (this) {
                Awaited a = awaited.get(id);
                if (a == null || a.scheduled) {
                    continue;
                }
                ImageVersion now = record.map(r -> r.observation().image()).orElse(null);
                if (now == null || a.announced.equals(now.digest()) || !now.equals(a.before)) {
                    awaited.remove(id); // arrived, moved elsewhere, or gone
                    continue;
                }
                if (a.attempts == DELAYS.size()) {
                    awaited.remove(id);
                    log.accept("webhook: " + id + " still shows " + now.tag() + "@" + now.digest() + " after "
                            + DELAYS.size() + " more looks, not " + a.announced + " as notified; left to the poll");
                    continue;
                }
                delay = DELAYS.get(a.attempts++);
                a.scheduled = true;
            }
            try {
                later.after(delay, () -> fire(id));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                synchronized (this) {
                    awaited.remove(id); // shutting down: the next poll looks at it
                }
            }
        }
    }

    private void fire(TrackerId id) {
        synchronized (this) {
            Awaited a = awaited.get(id);
            if (a == null) {
                return;
            }
            a.scheduled = false;
        }
        lookAgain.accept(id);
    }

    /** Whether a look is waiting to be made again (a host shutting down can tell it will not happen). */
    synchronized boolean pending() {
        return !awaited.isEmpty();
    }
}
