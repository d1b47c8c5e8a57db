package io.jenkins.plugins.fathomable.core.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.EnvironmentConfig;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.testing.Fixtures;
import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Trackers in a real file store, moved through the real release engine (dev, then prod behind an approval and an
 * hour of soak) by a test that plays the executor: what the dashboard sees is what the engine stored.
 */
final class Scene {

    static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final FileTrackerStore store;
    final List<DeploymentRequest> requests = new CopyOnWriteArrayList<>();
    final ReleaseEngine engine;
    final List<Tracker> configured = new ArrayList<>();
    private final Map<TrackerId, ConfigRevision> configs = new HashMap<>();
    private final Map<TrackerId, ImageVersion> images = new HashMap<>();
    private int runs;

    Scene(Path dir) {
        store = new FileTrackerStore(dir);
        FlowConfig flow = new FlowConfig(List.of(
                new EnvironmentConfig("dev", List.of(), Duration.ZERO, false, new KubernetesTarget("default", "shop-dev")),
                new EnvironmentConfig("prod", List.of(), Duration.ofHours(1), true,
                        new KubernetesTarget("prod-cluster", "shop-prod"))));
        engine = new ReleaseEngine(store, flow, requests::add, clock);
    }

    /** A renderable {@code fathomable.yaml}, revision {@code n} with {@code n} replicas. */
    static ConfigRevision config(int n) {
        ConfigRevision base = Fixtures.config(n);
        return new ConfigRevision(base.commitSha(), base.blobSha(),
                Fixtures.webService("payments-api", n, Fixtures.REPOSITORY, "semver: \"^1.4\""));
    }

    Dashboard dashboard() {
        return new Dashboard(store, engine, () -> List.copyOf(configured), GitHubWeb.forApi(null), clock);
    }

    static Tracker tracker(String id, String repo, GitRef ref) {
        return new Tracker(TrackerId.parse(id), repo, "deploy/fathomable.yaml", ref, "github-token");
    }

    /** Stores {@code id} and lets a poll see it: its first release is queued for dev and handed out. */
    TrackerId ingested(String id, String tag, int digest) {
        TrackerId tid = TrackerId.parse(id);
        store.create(TrackerRecord.of(tracker(id, "acme/" + tid.name(), GitRef.branch("main"))));
        ConfigRevision c = config(1);
        ImageVersion i = Fixtures.image(tag, digest);
        store.saveObservation(tid, new TrackerObservation(clock.instant(), c.commitSha(), c, i,
                TrackerObservation.Status.OK, null));
        configs.put(tid, c);
        images.put(tid, i);
        engine.onEvent(new TrackerEvent.Ingested(tid, clock.instant(), c, i));
        return tid;
    }

    void configChanged(TrackerId id, int n) {
        ConfigRevision next = config(n);
        engine.onEvent(new TrackerEvent.ConfigChanged(id, clock.instant(), configs.get(id), next));
        configs.put(id, next);
    }

    void pollFailed(TrackerId id, TrackerObservation.Status status, String error) {
        store.update(id, r -> r.withObservation(new TrackerObservation(clock.instant(), r.observation().commitSha(),
                r.observation().config(), r.observation().image(), status, error)));
    }

    /** The one request handed out for {@code id} since the last call. */
    DeploymentRequest take(TrackerId id, String env) {
        List<DeploymentRequest> mine = requests.stream().filter(r -> r.tracker().equals(id)).toList();
        assertThat(mine).as("requests for " + id).hasSize(1);
        requests.removeAll(mine);
        assertThat(mine.get(0).environment()).isEqualTo(env);
        return mine.get(0);
    }

    void ready(TrackerId id, String env) {
        engine.completed(take(id, env).id(), new DeploymentOutcome.Ready("job/fathomable-" + id + "/" + (++runs) + "/"));
    }

    void failed(TrackerId id, String env, String reason) {
        engine.completed(take(id, env).id(), new DeploymentOutcome.Failed(reason, "job/fathomable-" + id + "/"
                + (++runs) + "/"));
    }

    void later(Duration d) {
        clock.advance(d);
    }
}
