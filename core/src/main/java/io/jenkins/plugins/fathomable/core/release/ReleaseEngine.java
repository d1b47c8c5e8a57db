package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.store.TrackerStore;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The release flow. Every entry point is one atomic store update of one tracker that applies a change (an event,
 * an outcome, a person's operation), then starts whatever is due, exactly like {@link #reconcile(TrackerId)} does.
 * Deployments are marked in progress in that update and handed to the executor only after it is stored, so a
 * second pass, a concurrent caller or a restarted engine never hands the same deployment out twice.
 *
 * <p>All state lives in the {@link TrackerStore}; the engine keeps none, so a new engine on the same store carries on
 * where the old one stopped. Time comes from the {@link Clock}: the host calls {@link #reconcile()} periodically
 * (each minute) so soak times and release windows are noticed.
 */
public final class ReleaseEngine {

    /** The actor of changes the engine makes by itself. */
    public static final String ENGINE = "fathomable";
    /** The actor of changes that poll events make. */
    public static final String POLLER = "poller";

    private static final System.Logger LOG = System.getLogger(ReleaseEngine.class.getName());

    private final TrackerStore store;
    private final FlowConfig flow;
    private final ReleaseExecutor executor;
    private final Clock clock;
    private final SeedRules seeds;
    private final Transitions transitions;
    private final Gates gates;

    public ReleaseEngine(TrackerStore store, FlowConfig flow, ReleaseExecutor executor, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.seeds = new SeedRules(flow);
        this.transitions = new Transitions(flow);
        this.gates = new Gates(flow);
    }

    public FlowConfig flow() {
        return flow;
    }

    // --- inputs -------------------------------------------------------------------------------------------------

    /**
     * Applies a poll event (seed rules) and starts what is due.
     *
     * @throws NoSuchTrackerException if the tracker was deleted meanwhile
     */
    public void onEvent(TrackerEvent event) {
        Objects.requireNonNull(event, "event");
        change(event.tracker(), POLLER, l -> seeds.apply(l, event));
    }

    /** Starts whatever is due in every tracker; a failure in one tracker is logged and does not stop the others. */
    public void reconcile() {
        for (TrackerId id : store.ids()) {
            try {
                reconcile(id);
            } catch (NoSuchTrackerException e) {
                // deleted while we were going through the list
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "reconciling " + id + " failed", e);
            }
        }
    }

    /** Starts whatever is due for one tracker. Idempotent: with nothing changed, a second call does nothing. */
    public void reconcile(TrackerId id) {
        change(id, ENGINE, l -> { });
    }

    /**
     * Tells the engine how a deployment ended. Ready: the release is deployed in the environment and queued for the
     * next one (or completed in the last). Failed: the environment keeps what it had and the release stops.
     *
     * @return {@code false} if no deployment with this id is in progress (a late or repeated outcome), which changes
     *         nothing
     */
    public boolean completed(DeploymentId id, DeploymentOutcome outcome) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        boolean[] matched = new boolean[1];
        change(id.tracker(), ENGINE, l -> matched[0] = transitions.completed(l, id, outcome));
        return matched[0];
    }

    // --- operations by people -----------------------------------------------------------------------------------

    /** Approves release {@code release} for {@code environment}, which must require approval. */
    public void approve(TrackerId tracker, int release, String environment, String actor) {
        change(tracker, actor(actor), l -> transitions.approve(l, release, environment));
    }

    /** Stops a queued or failed release for good. */
    public void reject(TrackerId tracker, int release, String reason, String actor) {
        change(tracker, actor(actor), l -> transitions.reject(l, release, reason));
    }

    /** Nothing of this tracker is handed to the executor until {@link #unhold(TrackerId, String)}. */
    public void hold(TrackerId tracker, String actor) {
        change(tracker, actor(actor), l -> transitions.hold(l, true));
    }

    public void unhold(TrackerId tracker, String actor) {
        change(tracker, actor(actor), l -> transitions.hold(l, false));
    }

    /** Nothing of this tracker enters {@code environment} until it is unheld; rollbacks still may. */
    public void holdEnvironment(TrackerId tracker, String environment, String actor) {
        change(tracker, actor(actor), l -> transitions.holdEnvironment(l, environment, true));
    }

    public void unholdEnvironment(TrackerId tracker, String environment, String actor) {
        change(tracker, actor(actor), l -> transitions.holdEnvironment(l, environment, false));
    }

    /**
     * Deploys the release that was in {@code environment} before the current one again, now, regardless of windows,
     * soak, approvals and holds. When it is ready the current release is marked rolled back and goes no further.
     */
    public void rollback(TrackerId tracker, String environment, String actor) {
        change(tracker, actor(actor), l -> transitions.rollback(l, environment));
    }

    /** Queues a failed release again for the environment it failed in. */
    public void retry(TrackerId tracker, int release, String actor) {
        change(tracker, actor(actor), l -> transitions.retry(l, release));
    }

    // --- reads --------------------------------------------------------------------------------------------------

    /** @throws NoSuchTrackerException if there is no such tracker */
    public TrackerStatus status(TrackerId tracker) {
        return StatusView.of(record(tracker), flow, gates, clock.instant());
    }

    /** The status of a record already at hand (a page listing many trackers reads each record once). */
    public TrackerStatus status(TrackerRecord record) {
        return StatusView.of(Objects.requireNonNull(record, "record"), flow, gates, clock.instant());
    }

    /** The status of every tracker, ordered by id. */
    public List<TrackerStatus> statuses() {
        Instant now = clock.instant();
        return store.list().stream().map(r -> StatusView.of(r, flow, gates, now)).toList();
    }

    /** One tracker's history, oldest first. */
    public List<HistoryEntry> history(TrackerId tracker) {
        return record(tracker).history();
    }

    /**
     * Every deployment marked in progress, in every tracker. A host calls this after a restart to find deployments
     * it may have lost (an in-process executor dies with the process) and reports them failed, then they can be
     * retried.
     */
    public List<DeploymentRequest> inProgress() {
        List<DeploymentRequest> all = new ArrayList<>();
        for (TrackerRecord r : store.list()) {
            r.releases().environments().forEach((env, slots) -> {
                if (slots.inProgress() != null) {
                    all.add(request(r, env, slots.inProgress()));
                }
            });
        }
        all.sort(Comparator.comparing((DeploymentRequest d) -> d.tracker()).thenComparingLong(d -> d.id().sequence()));
        return all;
    }

    // --- the one way state changes ------------------------------------------------------------------------------

    private void change(TrackerId id, String actor, Consumer<ReleaseLedger> op) {
        Objects.requireNonNull(id, "tracker");
        Instant now = clock.instant();
        TrackerRecord[] before = new TrackerRecord[1];
        TrackerRecord after = store.update(id, current -> {
            before[0] = current;
            ReleaseLedger ledger = new ReleaseLedger(current, now, actor);
            op.accept(ledger);
            ledger.actAs(ENGINE);
            gates.startDue(ledger);
            return ledger.result();
        });
        for (DeploymentRequest request : handedOut(before[0], after)) {
            try {
                executor.execute(request);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "executor refused deployment " + request.id(), e);
                completed(request.id(), new DeploymentOutcome.Failed(
                        "the executor could not start the deployment: " + e.getMessage(), null));
            }
        }
    }

    private List<DeploymentRequest> handedOut(TrackerRecord before, TrackerRecord after) {
        List<DeploymentRequest> started = new ArrayList<>();
        for (Map.Entry<String, EnvironmentState> e : after.releases().environments().entrySet()) {
            Deployment now = e.getValue().inProgress();
            Deployment was = before.releases().environment(e.getKey()).inProgress();
            if (now != null && (was == null || was.sequence() != now.sequence())) {
                started.add(request(after, e.getKey(), now));
            }
        }
        return started;
    }

    private DeploymentRequest request(TrackerRecord record, String env, Deployment d) {
        Release release = record.releases().release(d.release()).orElseThrow(() -> new IllegalStateException(
                "tracker " + record.id() + " deploys release " + d.release() + " which it does not keep"));
        KubernetesTarget target = flow.require("environment", env).target();
        return new DeploymentRequest(new DeploymentId(record.id(), d.sequence()), record.id(), env, target, release,
                d.kind());
    }

    private TrackerRecord record(TrackerId tracker) {
        return store.get(tracker).orElseThrow(() -> new NoSuchTrackerException(tracker));
    }

    private static String actor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new ValidationException("actor", "is required: who asks for this");
        }
        return actor.trim();
    }
}
