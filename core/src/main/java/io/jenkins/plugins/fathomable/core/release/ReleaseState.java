package io.jenkins.plugins.fathomable.core.release;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One tracker's release state, replaced whole on every change (see {@link ReleaseLedger} for how it changes).
 *
 * @param lastRelease      the highest release number handed out (numbers are never reused)
 * @param lastDeployment   the highest deployment sequence handed out
 * @param currentConfig    the config the newest release was made with, or {@code null} before the first
 * @param pendingConfig    a changed config waiting for the next image change (seed rule 1), or {@code null}
 * @param releases         recent releases, ascending by number, plus every one an environment still refers to
 * @param environments     per environment name, its slots
 * @param held             the whole tracker is on hold: nothing is handed to the executor
 * @param heldEnvironments environments on hold for this tracker
 */
public record ReleaseState(int lastRelease, long lastDeployment, ConfigRevision currentConfig,
        ConfigRevision pendingConfig, List<Release> releases, Map<String, EnvironmentState> environments,
        boolean held, Set<String> heldEnvironments) {

    public static final ReleaseState EMPTY = new ReleaseState(0, 0, null, null, List.of(), Map.of(), false, Set.of());

    public ReleaseState {
        releases = releases == null ? List.of()
                : releases.stream().sorted(Comparator.comparingInt(Release::number)).toList();
        environments = environments == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(environments));
        heldEnvironments = heldEnvironments == null ? Set.of()
                : Collections.unmodifiableSortedSet(new TreeSet<>(heldEnvironments));
    }

    public Optional<Release> release(int number) {
        return releases.stream().filter(r -> r.number() == number).findFirst();
    }

    public EnvironmentState environment(String name) {
        return environments.getOrDefault(name, EnvironmentState.EMPTY);
    }

    /** The release waiting to enter {@code env}, if any. */
    public Optional<Release> queued(String env) {
        return releases.stream()
                .filter(r -> r.status() == ReleaseStatus.QUEUED && r.environment().equals(env))
                .reduce((older, newer) -> newer);
    }
}
