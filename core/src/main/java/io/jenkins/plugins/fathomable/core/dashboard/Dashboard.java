package io.jenkins.plugins.fathomable.core.dashboard;

import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.TrackerStatus;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.store.TrackerStore;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The release dashboard of both hosts: the overview (trackers × environments, filtered and paged on the server)
 * and the page of one tracker. Only the markup differs between Jenkins and {@code serve}; everything shown is
 * decided here. Trackers the host's configuration defines but the store does not hold yet (before the first poll
 * pass copies them) are shown at once, as not polled yet.
 *
 * <p>Filtering by text or group looks at the stored definitions only; the release status (windows, soak, approvals)
 * is worked out for the rows of the page, or for every candidate when filtering by state.
 */
public final class Dashboard {

    private final TrackerStore store;
    private final ReleaseEngine releases;
    private final Supplier<List<Tracker>> configured;
    private final GitHubWeb web;
    private final Clock clock;
    private final TrackerPages pages;

    /**
     * @param configured the trackers of the host's configuration ({@code List::of} when there is none)
     * @param web        links to GitHub for the configured API URL
     */
    public Dashboard(TrackerStore store, ReleaseEngine releases, Supplier<List<Tracker>> configured, GitHubWeb web,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.releases = Objects.requireNonNull(releases, "releases");
        this.configured = Objects.requireNonNull(configured, "configured");
        this.web = Objects.requireNonNull(web, "web");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pages = new TrackerPages(releases.flow(), web);
    }

    public List<String> environments() {
        return releases.flow().names();
    }

    public Overview overview(OverviewQuery query) {
        Instant now = clock.instant();
        List<Tracker> fromConfig = configured.get();
        Set<TrackerId> configuredIds = fromConfig.stream().map(Tracker::id).collect(Collectors.toSet());
        List<TrackerRecord> all = everything(fromConfig);
        Set<String> groups = new TreeSet<>();
        List<String> words = query.words();
        List<TrackerRecord> candidates = new ArrayList<>();
        for (TrackerRecord r : all) {
            groups.add(r.id().group());
            if ((query.group().isEmpty() || query.group().equals(r.id().group())) && Rows.matches(r, words)) {
                candidates.add(r);
            }
        }
        Map<TrackerId, TrackerStatus> statuses = new HashMap<>();
        if (query.state() != null) {
            // every candidate's status is needed to filter; rows (links, times, releases) only for the page
            List<TrackerRecord> kept = new ArrayList<>();
            for (TrackerRecord r : candidates) {
                TrackerStatus status = releases.status(r);
                if (query.state().matches(r, status)) {
                    kept.add(r);
                    statuses.put(r.id(), status);
                }
            }
            candidates = kept;
        }
        int size = query.size();
        int pageCount = Math.max(1, (candidates.size() + size - 1) / size);
        OverviewQuery asked = query.withPage(Math.min(query.page(), pageCount));
        int from = (asked.page() - 1) * size;
        List<Row> rows = new ArrayList<>();
        for (TrackerRecord r : candidates.subList(from, Math.min(candidates.size(), from + size))) {
            TrackerStatus status = statuses.get(r.id());
            rows.add(Rows.of(r, status != null ? status : releases.status(r), configuredIds.contains(r.id()), web, now));
        }
        return new Overview(environments(), rows, candidates.size(), all.size(), asked, pageCount,
                List.copyOf(groups), Moment.of(now, now));
    }

    /** The page of one tracker, if it is stored or configured. */
    public Optional<TrackerPage> tracker(TrackerId id) {
        Instant now = clock.instant();
        List<Tracker> fromConfig = configured.get();
        Optional<TrackerRecord> record = store.get(id).or(() -> fromConfig.stream().filter(t -> t.id().equals(id))
                .findFirst().map(TrackerRecord::of));
        boolean isConfigured = fromConfig.stream().anyMatch(t -> t.id().equals(id));
        return record.map(r -> pages.of(r, releases.status(r), isConfigured, now));
    }

    /** The store's trackers and the configured ones it does not hold yet, ordered by id. */
    private List<TrackerRecord> everything(List<Tracker> fromConfig) {
        List<TrackerRecord> stored = store.list();
        List<Tracker> missing = fromConfig.stream().filter(t -> store.get(t.id()).isEmpty()).toList();
        if (missing.isEmpty()) {
            return stored;
        }
        TreeMap<TrackerId, TrackerRecord> merged = new TreeMap<>();
        stored.forEach(r -> merged.put(r.id(), r));
        missing.forEach(t -> merged.putIfAbsent(t.id(), TrackerRecord.of(t)));
        return new ArrayList<>(merged.values());
    }
}
