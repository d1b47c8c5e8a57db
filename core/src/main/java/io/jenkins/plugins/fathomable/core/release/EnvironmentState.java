package io.jenkins.plugins.fathomable.core.release;

import java.time.Instant;

/**
 * One tracker's slots in one environment. The queue is not kept here: it is the release whose status is
 * {@link ReleaseStatus#QUEUED} for this environment (at most one, since newer releases supersede older ones).
 *
 * @param deployed   the release running and verified ready here, or {@code null}
 * @param readyAt    when {@code deployed} was verified ready: soak time is counted from here
 * @param previous   the release deployed before {@code deployed}, kept for rollback, or {@code null}
 * @param inProgress the deployment the executor is working on here, or {@code null}
 * @param lastRunUrl the link to the run of the last finished deployment here, or {@code null}
 */
public record EnvironmentState(Integer deployed, Instant readyAt, Integer previous, Deployment inProgress,
        String lastRunUrl) {

    public static final EnvironmentState EMPTY = new EnvironmentState(null, null, null, null, null);

    EnvironmentState start(Deployment deployment) {
        return new EnvironmentState(deployed, readyAt, previous, deployment, lastRunUrl);
    }

    EnvironmentState finished(String runUrl) {
        return new EnvironmentState(deployed, readyAt, previous, null, runUrl);
    }

    /** After a promotion: the new release is deployed, the one before it kept for rollback. */
    EnvironmentState promoted(int release, Instant at, String runUrl) {
        Integer before = deployed != null && deployed != release ? deployed : previous;
        return new EnvironmentState(release, at, before, null, runUrl);
    }

    /** After a rollback: there is nothing further back to roll back to. */
    EnvironmentState rolledBack(int release, Instant at, String runUrl) {
        return new EnvironmentState(release, at, null, null, runUrl);
    }
}
