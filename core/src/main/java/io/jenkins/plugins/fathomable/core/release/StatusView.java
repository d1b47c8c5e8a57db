package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Builds {@link TrackerStatus} from a stored record. */
final class StatusView {

    private StatusView() {}

    static TrackerStatus of(TrackerRecord record, FlowConfig flow, Gates gates, Instant now) {
        ReleaseState s = record.releases();
        List<TrackerStatus.Environment> envs = flow.environments().stream().map(env -> {
            EnvironmentState slots = s.environment(env.name());
            Release queued = s.queued(env.name()).orElse(null);
            List<Blocker> waiting = queued == null ? List.of() : gates.blockers(s, queued, env.name(), now);
            return new TrackerStatus.Environment(env.name(), env.target(), s.heldEnvironments().contains(env.name()),
                    env.approvalRequired(), find(s, slots.deployed()), slots.readyAt(), find(s, slots.previous()),
                    slots.inProgress(), queued, waiting, slots.lastRunUrl());
        }).toList();
        List<Release> newestFirst = s.releases().stream()
                .sorted(Comparator.comparingInt(Release::number).reversed()).toList();
        return new TrackerStatus(record.id(), s.held(), s.currentConfig(), s.pendingConfig(), envs, newestFirst);
    }

    private static Release find(ReleaseState s, Integer number) {
        return number == null ? null : s.release(number).orElse(null);
    }
}
