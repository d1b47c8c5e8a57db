package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What outcomes and people's operations do to a tracker's releases. Each method either changes the ledger and
 * records why, or throws ({@link ConflictException}, {@link ValidationException}) before changing anything.
 */
final class Transitions {

    /** Statuses a rollback turns into {@link ReleaseStatus#ROLLED_BACK}: the release was still going somewhere. */
    private static final Set<ReleaseStatus> UNDONE_BY_ROLLBACK = EnumSet.of(ReleaseStatus.QUEUED,
            ReleaseStatus.DEPLOYING, ReleaseStatus.FAILED, ReleaseStatus.COMPLETED);

    private final FlowConfig flow;

    Transitions(FlowConfig flow) {
        this.flow = flow;
    }

    /** Applies an outcome; {@code false} if no environment is waiting for this deployment (late or repeated). */
    boolean completed(ReleaseLedger ledger, DeploymentId id, DeploymentOutcome outcome) {
        Optional<Map.Entry<String, EnvironmentState>> match = ledger.state().environments().entrySet().stream()
                .filter(e -> e.getValue().inProgress() != null && e.getValue().inProgress().sequence() == id.sequence())
                .findFirst();
        if (match.isEmpty()) {
            return false;
        }
        String env = match.get().getKey();
        EnvironmentState slots = match.get().getValue();
        Deployment d = slots.inProgress();
        Release r = ledger.requireRelease(d.release());
        String run = outcome.runUrl();
        if (outcome instanceof DeploymentOutcome.Failed failed) {
            ledger.setEnvironment(env, slots.finished(run));
            if (d.kind() == Deployment.Kind.ROLLBACK) {
                ledger.record("rollback-failed", r.number(), env, null, null, failed.reason(), run);
            } else if (isDeploying(r, env)) {
                ledger.move(r, ReleaseStatus.FAILED, env, failed.reason(), "failed", run);
            } else {
                ledger.record("failed", r.number(), env, null, null, failed.reason(), run);
            }
        } else if (d.kind() == Deployment.Kind.ROLLBACK) {
            rolledBack(ledger, env, slots, r, run);
        } else {
            ledger.setEnvironment(env, slots.promoted(r.number(), ledger.now(), run));
            if (!isDeploying(r, env)) {
                // Its status moved on meanwhile (an earlier environment was rolled back): record the fact only.
                ledger.record("deployed", r.number(), env, null, "deployed in " + env, "ready", run);
            } else {
                Optional<EnvironmentConfig> next = flow.next(env);
                if (next.isPresent()) {
                    ledger.record("deployed", r.number(), env, r.stage(), "deployed in " + env, "ready", run);
                    ledger.enqueue(r, next.get().name(), "queued", run);
                } else {
                    ledger.move(r, ReleaseStatus.COMPLETED, env, null, "deployed", run);
                }
            }
        }
        return true;
    }

    private static void rolledBack(ReleaseLedger ledger, String env, EnvironmentState slots, Release back, String run) {
        Integer undone = slots.deployed();
        ledger.setEnvironment(env, slots.rolledBack(back.number(), ledger.now(), run));
        ledger.record("rolled-back", back.number(), env, "release " + undone + " deployed",
                "release " + back.number() + " deployed", "ready", run);
        if (undone != null) {
            ledger.release(undone).filter(u -> UNDONE_BY_ROLLBACK.contains(u.status())).ifPresent(u ->
                    ledger.move(u, ReleaseStatus.ROLLED_BACK, u.environment(),
                            env + " was rolled back to release " + back.number(), "rolled-back", run));
        }
    }

    private static boolean isDeploying(Release r, String env) {
        return r.status() == ReleaseStatus.DEPLOYING && r.environment().equals(env);
    }

    void approve(ReleaseLedger ledger, int number, String env) {
        EnvironmentConfig config = flow.require("environment", env);
        if (!config.approvalRequired()) {
            throw new ConflictException(env + " needs no approval: releases enter it without one");
        }
        Release r = ledger.requireRelease(number);
        if (!r.status().active()) {
            throw new ConflictException("release " + number + " is " + r.stage()
                    + "; only queued, deploying or failed releases can be approved");
        }
        if (flow.indexOf(r.environment()) > flow.indexOf(env)) {
            throw new ConflictException("release " + number + " is already past " + env + " (" + r.stage() + ")");
        }
        if (!r.approvals().contains(env)) {
            ledger.put(r.approvedFor(env));
            ledger.record("approved", number, env, null, null, null, null);
        }
    }

    void reject(ReleaseLedger ledger, int number, String reason) {
        Release r = ledger.requireRelease(number);
        if (r.status() == ReleaseStatus.REJECTED) {
            return;
        }
        if (r.status() != ReleaseStatus.QUEUED && r.status() != ReleaseStatus.FAILED) {
            throw new ConflictException("release " + number + " is " + r.stage()
                    + "; only queued or failed releases can be rejected");
        }
        ledger.move(r, ReleaseStatus.REJECTED, r.environment(), reason == null || reason.isBlank() ? "rejected" : reason,
                "rejected", null);
    }

    void hold(ReleaseLedger ledger, boolean hold) {
        if (ledger.setHeld(hold)) {
            ledger.record(hold ? "held" : "unheld", null, null, hold ? "active" : "held", hold ? "held" : "active",
                    "tracker", null);
        }
    }

    void holdEnvironment(ReleaseLedger ledger, String env, boolean hold) {
        flow.require("environment", env);
        if (ledger.setHeldEnvironment(env, hold)) {
            ledger.record(hold ? "held" : "unheld", null, env, hold ? "active" : "held", hold ? "held" : "active",
                    "environment", null);
        }
    }

    /** Marks a rollback of {@code env} to its previous release in progress; the engine hands it out. */
    void rollback(ReleaseLedger ledger, String env) {
        flow.require("environment", env);
        EnvironmentState slots = ledger.environment(env);
        if (slots.inProgress() != null) {
            throw new ConflictException(env + " is busy with deployment " + slots.inProgress().sequence()
                    + "; roll back once it has finished");
        }
        if (slots.previous() == null) {
            throw new ConflictException(env + " has no previous release to roll back to");
        }
        Deployment d = ledger.start(slots.previous(), env, Deployment.Kind.ROLLBACK);
        ledger.record("rolling-back", slots.previous(), env, "release " + slots.deployed() + " deployed",
                "deploying release " + slots.previous(), "deployment " + d.sequence(), null);
    }

    void retry(ReleaseLedger ledger, int number) {
        Release r = ledger.requireRelease(number);
        if (r.status() != ReleaseStatus.FAILED) {
            throw new ConflictException("release " + number + " is " + r.stage() + "; only failed releases can be retried");
        }
        Optional<Release> newer = ledger.queued(r.environment()).filter(q -> q.number() > number);
        if (newer.isPresent()) {
            throw new ConflictException("release " + newer.get().number() + " is newer and already waits for "
                    + r.environment());
        }
        ledger.enqueue(r, r.environment(), "retried", null);
    }
}
