package io.jenkins.plugins.fathomable.core.release;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a queued release may enter its environment now, and if not, says why in words a person reads
 * in the status view. Pure: the same state, flow and time give the same answer, which is what makes reconciling
 * idempotent.
 */
final class Gates {

    private final FlowConfig flow;

    Gates(FlowConfig flow) {
        this.flow = flow;
    }

    /** Everything that keeps {@code release} out of {@code env} at {@code now}; empty means it is due. */
    List<Blocker> blockers(ReleaseState state, Release release, String env, Instant now) {
        List<Blocker> why = new ArrayList<>();
        Optional<EnvironmentConfig> config = flow.environment(env);
        if (config.isEmpty()) {
            why.add(new Blocker(Blocker.Kind.REMOVED, "environment " + env + " is no longer part of the flow"));
            return why;
        }
        if (state.held()) {
            why.add(new Blocker(Blocker.Kind.HOLD, "the tracker is on hold"));
        }
        if (state.heldEnvironments().contains(env)) {
            why.add(new Blocker(Blocker.Kind.HOLD, env + " is on hold"));
        }
        Deployment busy = state.environment(env).inProgress();
        if (busy != null) {
            why.add(new Blocker(Blocker.Kind.BUSY, env + " is busy with deployment " + busy.sequence() + " (release "
                    + busy.release() + ")"));
        }
        flow.previous(env).ifPresent(prev -> prerequisites(state, release, prev, config.get(), now, why));
        if (config.get().approvalRequired() && !release.approvals().contains(env)) {
            why.add(new Blocker(Blocker.Kind.APPROVAL, "needs approval for " + env));
        }
        if (!config.get().windowOpen(now)) {
            why.add(new Blocker(Blocker.Kind.WINDOW, config.get().nextWindow(now)
                    .map(at -> "outside the release windows of " + env + "; next opens " + at)
                    .orElse("the release windows of " + env + " never open")));
        }
        return why;
    }

    private static void prerequisites(ReleaseState state, Release release, EnvironmentConfig prev,
            EnvironmentConfig env, Instant now, List<Blocker> why) {
        EnvironmentState before = state.environment(prev.name());
        if (before.deployed() == null || before.deployed() != release.number() || before.readyAt() == null) {
            why.add(new Blocker(Blocker.Kind.PREVIOUS, "not deployed and ready in " + prev.name()));
            return;
        }
        if (before.inProgress() != null && before.inProgress().kind() == Deployment.Kind.ROLLBACK) {
            // Rolling back means someone found this release wanting: it must not spread meanwhile.
            why.add(new Blocker(Blocker.Kind.PREVIOUS, prev.name() + " is being rolled back"));
        }
        Instant soaked = before.readyAt().plus(env.minSoak());
        if (now.isBefore(soaked)) {
            why.add(new Blocker(Blocker.Kind.SOAK, "soaking in " + prev.name() + " until " + soaked));
        }
    }

    /** Whether {@code release}, queued for {@code env}, may be handed to the executor now. */
    boolean due(ReleaseState state, Release release, String env, Instant now) {
        return blockers(state, release, env, now).isEmpty();
    }

    /**
     * Starts every deployment that is due: at most one per environment, in flow order. Returns nothing; the started
     * deployments are the environments' new {@code inProgress} entries.
     */
    void startDue(ReleaseLedger ledger) {
        for (EnvironmentConfig env : flow.environments()) {
            ReleaseState state = ledger.state();
            Optional<Release> waiting = ledger.queued(env.name());
            if (waiting.isPresent() && due(state, waiting.get(), env.name(), ledger.now())) {
                Release r = waiting.get();
                Deployment d = ledger.start(r.number(), env.name(), Deployment.Kind.PROMOTE);
                Release deploying = r.moveTo(ReleaseStatus.DEPLOYING, env.name(), null);
                ledger.put(deploying);
                ledger.record("deploying", r.number(), env.name(), r.stage(), deploying.stage(), "deployment "
                        + d.sequence() + " to " + env.target().cluster() + "/" + env.target().namespace(), null);
            }
        }
    }
}
