package io.jenkins.plugins.fathomable.core.webhook;

import io.jenkins.plugins.fathomable.core.poll.ImagePolicyReader;
import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.store.TrackerStore;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.WebhookTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What an accepted webhook delivery does, the same in every host: its hints name where to look; the trackers they
 * concern are looked at through the poll cycle (as a poll pass would, so the results are identical) and nothing
 * else is; every tracker whose repository a hint names gets its last webhook time for that source.
 *
 * <p>Hosts verify the sender first (GitHub's signature, the registry's bearer token), then call
 * {@link #gitHub} or {@link #registry}; those only read the body and return at once. Looks run on one background
 * thread, one after the other; deliveries that arrive meanwhile are merged into the next look, so a burst of pushes
 * costs one look per tracker, not one per push.
 */
public final class Webhooks {

    /** Looks at exactly the given trackers, as a poll pass does, and hands what changed to the release flow. */
    @FunctionalInterface
    public interface Looker {
        void look(List<Tracker> trackers);
    }

    /** Runs a task once after a delay, off the calling thread (the engine's scheduler; tests run it by hand). */
    @FunctionalInterface
    public interface Later {
        void after(Duration delay, Runnable task);
    }

    /** A tracker's last webhook time is written at most this often (every delivery would rewrite its file). */
    static final Duration TIME_GRANULARITY = Duration.ofSeconds(60);

    private final TrackerStore store;
    private final TrackerMatcher matcher;
    private final Looker looker;
    private final Executor lookThread;
    private final Clock clock;
    private final Consumer<String> log;
    private final Rechecks rechecks;
    private final DeliveryLog deliveries = new DeliveryLog();
    private final Map<Hint.Source, Instant> lastDelivery = new EnumMap<>(Hint.Source.class);
    private final Set<TrackerId> pendingLooks = new TreeSet<>();
    private final Map<TrackerId, WebhookTimes> pendingTimes = new LinkedHashMap<>();
    private boolean draining;

    /**
     * @param policies   reads a tracker's image policy from its stored file (to tell SemVer trackers a pushed tag
     *                   may concern)
     * @param lookThread runs the looks; one task at a time is enough (a second one simply finds nothing pending)
     * @param later      schedules a look again when a registry notification overtook its tag ({@link Rechecks})
     */
    public Webhooks(TrackerStore store, ImagePolicyReader policies, Looker looker, Executor lookThread, Later later,
            Clock clock, Consumer<String> log) {
        this.store = Objects.requireNonNull(store, "store");
        this.matcher = new TrackerMatcher(Objects.requireNonNull(policies, "policies"));
        this.looker = Objects.requireNonNull(looker, "looker");
        this.lookThread = Objects.requireNonNull(lookThread, "lookThread");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.rechecks = new Rechecks(store, later, id -> schedule(Set.of(id), Map.of()), this.log);
    }

    /**
     * A GitHub delivery whose sender was verified.
     *
     * @param event      {@code X-GitHub-Event}
     * @param deliveryId {@code X-GitHub-Delivery}; a repeated one is acknowledged and ignored
     * @throws BadPayloadException if the body is not what GitHub sends (nothing is changed or remembered)
     */
    public Delivery gitHub(String event, String deliveryId, byte[] payload) {
        String key = deliveryId == null || deliveryId.isBlank() ? null : "github:" + deliveryId.trim();
        if (key != null && deliveries.seen(key)) {
            return new Delivery(Delivery.Outcome.DUPLICATE, List.of(), "delivery " + deliveryId.trim()
                    + " was received before; ignored");
        }
        if (!GitHubPayloads.handles(event)) {
            return new Delivery(Delivery.Outcome.IGNORED, List.of(), "Fathomable does not act on '"
                    + io.jenkins.plugins.fathomable.core.validation.Printable.line(String.valueOf(event), 40)
                    + "' events; it acts on " + String.join(", ", new TreeSet<>(GitHubPayloads.EVENTS)));
        }
        List<Hint> hints = GitHubPayloads.read(event, payload);
        Delivery d = accept(Hint.Source.GITHUB, hints, "GitHub " + event.toLowerCase(java.util.Locale.ROOT));
        if (key != null) {
            deliveries.remember(key);
        }
        return d;
    }

    /**
     * A registry notification whose sender was authenticated.
     *
     * @param registry the registry host the sender stands for, overriding the body's, or {@code null}
     * @throws BadPayloadException if the body is no registry notification (nothing is changed or remembered)
     */
    public Delivery registry(byte[] payload, String registry) {
        List<Hint> hints = RegistryPayloads.read(payload, registry);
        List<String> ids = RegistryPayloads.eventIds(payload).stream().map(id -> "registry:" + id).toList();
        if (!ids.isEmpty() && ids.stream().allMatch(deliveries::seen)) {
            return new Delivery(Delivery.Outcome.DUPLICATE, List.of(), "these events were received before; ignored");
        }
        Delivery d = accept(Hint.Source.REGISTRY, hints, "registry notification");
        ids.forEach(deliveries::remember);
        return d;
    }

    /** Whether a look will be made again because a registry notification announced a digest not seen yet. */
    public boolean rechecking() {
        return rechecks.pending();
    }

    /** Whether no look or webhook time is pending or in progress (tests wait for it before removing the store). */
    public synchronized boolean idle() {
        return !draining && pendingLooks.isEmpty() && pendingTimes.isEmpty();
    }

    /** When the last accepted delivery of this kind arrived, on this host since it started. */
    public synchronized Optional<Instant> lastDelivery(Hint.Source source) {
        return Optional.ofNullable(lastDelivery.get(source));
    }

    /**
     * Whether webhooks flow for this tracker: a webhook of each source it needs has named its repositories (its
     * GitHub repository, unless it is pinned to a commit; its image repository), and this host has received a
     * delivery of each such source within {@code within}. Such a tracker needs polling only as a safety net.
     */
    public boolean flowFor(TrackerRecord record, Instant now, Duration within) {
        WebhookTimes times = record.webhooks();
        boolean pinned = record.tracker().ref().kind() == io.jenkins.plugins.fathomable.core.tracker.GitRef.Kind.COMMIT;
        boolean github = pinned || (times.github() != null && recent(Hint.Source.GITHUB, now, within));
        boolean registry = times.registry() != null && recent(Hint.Source.REGISTRY, now, within);
        return github && registry;
    }

    private boolean recent(Hint.Source source, Instant now, Duration within) {
        return lastDelivery(source).map(at -> !at.isBefore(now.minus(within))).orElse(false);
    }

    private Delivery accept(Hint.Source endpoint, List<Hint> hints, String what) {
        Instant now = clock.instant();
        synchronized (this) {
            lastDelivery.put(endpoint, now);
            hints.forEach(h -> lastDelivery.put(h.source(), now));
        }
        Set<TrackerId> look = new TreeSet<>();
        Map<TrackerId, WebhookTimes> times = new LinkedHashMap<>();
        if (!hints.isEmpty()) {
            for (TrackerRecord r : store.list()) {
                WebhookTimes t = r.webhooks();
                for (Hint h : hints) {
                    if (matcher.covers(h, r)) {
                        t = h.source() == Hint.Source.GITHUB ? t.withGitHub(now) : t.withRegistry(now);
                        if (matcher.concerns(h, r)) {
                            look.add(r.id());
                            if (h instanceof Hint.TagPushed pushed) {
                                rechecks.expect(pushed, r);
                            }
                        }
                    }
                }
                if (stale(r.webhooks(), t)) {
                    times.put(r.id(), t);
                }
            }
        }
        schedule(look, times);
        String names = hints.stream().map(Webhooks::describe).distinct().collect(Collectors.joining(", "));
        String message = what + (names.isEmpty() ? " names nothing to look at" : " (" + names + ")") + ": "
                + (look.isEmpty() ? "no tracker follows it" : "looking at " + look.size() + " tracker"
                + (look.size() == 1 ? "" : "s"));
        if (!hints.isEmpty()) {
            log.accept("webhook: " + message + (look.isEmpty() ? "" : " " + look));
        }
        return new Delivery(hints.stream().anyMatch(h -> !(h instanceof Hint.RepositoryPinged)) || !look.isEmpty()
                ? Delivery.Outcome.LOOKING : Delivery.Outcome.IGNORED, List.copyOf(look), message);
    }

    /** Whether the new times are worth writing: a first time, or one at least {@link #TIME_GRANULARITY} later. */
    private static boolean stale(WebhookTimes before, WebhookTimes after) {
        return later(before.github(), after.github()) || later(before.registry(), after.registry());
    }

    private static boolean later(Instant before, Instant after) {
        return after != null && (before == null || !after.isBefore(before.plus(TIME_GRANULARITY)));
    }

    private static String describe(Hint h) {
        if (h instanceof Hint.RefMoved m) {
            return m.repo() + " " + m.ref();
        }
        if (h instanceof Hint.RepositoryPinged p) {
            return "ping" + (p.repo() == null ? "" : " of " + p.repo());
        }
        Hint.TagPushed t = (Hint.TagPushed) h;
        return t.repository() + ":" + t.tag();
    }

    private void schedule(Set<TrackerId> look, Map<TrackerId, WebhookTimes> times) {
        if (look.isEmpty() && times.isEmpty()) {
            return;
        }
        synchronized (this) {
            pendingLooks.addAll(look);
            times.forEach((id, t) -> pendingTimes.merge(id, t, (a, b) -> merge(a, b)));
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            lookThread.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                draining = false; // shutting down: the next poll looks at them
            }
        }
    }

    private static WebhookTimes merge(WebhookTimes a, WebhookTimes b) {
        WebhookTimes m = a;
        if (b.github() != null) {
            m = m.withGitHub(b.github());
        }
        return b.registry() == null ? m : m.withRegistry(b.registry());
    }

    private void drain() {
        try {
            drainPending();
        } catch (Error e) {
            synchronized (this) {
                draining = false; // the next delivery starts again
            }
            throw e;
        }
    }

    private void drainPending() {
        while (true) {
            List<TrackerId> looks;
            Map<TrackerId, WebhookTimes> times;
            synchronized (this) {
                if (pendingLooks.isEmpty() && pendingTimes.isEmpty()) {
                    draining = false;
                    return;
                }
                looks = new ArrayList<>(pendingLooks);
                times = new LinkedHashMap<>(pendingTimes);
                pendingLooks.clear();
                pendingTimes.clear();
            }
            // the time first: a status showing the look's release also shows the webhook that caused it
            times.forEach((id, t) -> {
                try {
                    store.update(id, r -> r.withWebhooks(merge(r.webhooks(), t)));
                } catch (NoSuchTrackerException e) {
                    // deleted meanwhile
                } catch (RuntimeException e) {
                    log.accept("webhook: could not record the webhook time of " + id + ": " + e.getMessage());
                }
            });
            try {
                List<Tracker> trackers = looks.stream().map(store::get).flatMap(Optional::stream)
                        .map(TrackerRecord::tracker).toList();
                if (!trackers.isEmpty()) {
                    looker.look(trackers);
                }
            } catch (RuntimeException e) {
                log.accept("webhook: looking at " + looks + " failed: " + e);
            }
            rechecks.looked(looks);
        }
    }
}
