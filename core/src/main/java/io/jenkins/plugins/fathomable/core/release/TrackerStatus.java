package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.time.Instant;
import java.util.List;

/**
 * A read-only view of one tracker's releases for status pages and the REST API, with the reasons a queued release
 * is still waiting spelled out.
 *
 * @param tracker       the tracker
 * @param held          the whole tracker is on hold
 * @param currentConfig the config of the newest release, or {@code null}
 * @param pendingConfig a changed config waiting for the next image change, or {@code null}
 * @param environments  every environment of the flow, in order
 * @param releases      the kept releases, newest first
 */
public record TrackerStatus(TrackerId tracker, boolean held, ConfigRevision currentConfig,
        ConfigRevision pendingConfig, List<Environment> environments, List<Release> releases) {

    /**
     * One environment as this tracker sees it.
     *
     * @param queued   the release waiting to enter, or {@code null}
     * @param blockers why {@code queued} has not entered yet (empty if it is due and about to be handed out)
     */
    public record Environment(String name, KubernetesTarget target, boolean held, boolean approvalRequired,
            Release deployed, Instant readyAt, Release previous, Deployment inProgress, Release queued,
            List<Blocker> blockers, String lastRunUrl) {

        public Environment {
            blockers = List.copyOf(blockers);
        }

        /** The reasons of {@link #blockers()} in words. */
        public List<String> waitingFor() {
            return blockers.stream().map(Blocker::text).toList();
        }
    }
}
