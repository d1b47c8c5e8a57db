package io.jenkins.plugins.fathomable.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.fathomable.FathomableServices;
import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.EnvironmentState;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import io.jenkins.plugins.fathomable.core.release.Release;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.ReleaseExecutor;
import io.jenkins.plugins.fathomable.core.release.ReleaseState;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.store.TrackerStore;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.runs.PipelineTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real engine on a real file store, with releases written straight into a tracker's record, and
 * {@link FathomableServices} over them, as the plugin's wiring would provide. Deployments the engine hands out are
 * recorded, never executed.
 */
public final class ReleaseFixture implements FathomableServices {

    public static final TrackerId TRACKER = TrackerId.parse("shop.payments-api");
    public static final Instant T0 = Instant.parse("2026-11-30T04:00:00Z");
    /** The flow: dev, ha, preprod, prod on cluster {@code default}, each in namespace {@code shop-<env>}. */
    public static final FlowConfig FLOW = new FlowConfig(FlowConfig.DEFAULT_ORDER.stream()
            .map(n -> io.jenkins.plugins.fathomable.core.release.EnvironmentConfig.simple(n, "default", "shop-" + n))
            .toList());

    public final FileTrackerStore store;
    public final ReleaseEngine engine;
    public final List<DeploymentRequest> handedOut = new CopyOnWriteArrayList<>();
    public volatile Function<KubernetesTarget, KubernetesClient> clusters = t -> {
        throw new IllegalStateException("no cluster in this test");
    };
    public volatile String template = PipelineTemplate.DEFAULT;

    public ReleaseFixture(Path dir, Clock clock) {
        store = new FileTrackerStore(dir);
        ReleaseExecutor recording = handedOut::add;
        engine = new ReleaseEngine(store, FLOW, recording, clock);
    }

    /** The text of an example {@code fathomable.yaml} from the repository's examples folder. */
    public static String example(String name) {
        try {
            return Files.readString(Path.of("..", "examples", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Release {@code n} of {@link #TRACKER}: the image pinned by a digest derived from n, config from {@code yaml}. */
    public static Release release(int n, String yaml, ReleaseStatus status, String environment) {
        String hex = Integer.toHexString(n);
        String digest = "sha256:" + "0".repeat(64 - hex.length()) + hex;
        ImageVersion image = new ImageVersion("ghcr.io/acme/payments-api", "1.4." + n, digest);
        ConfigRevision config = new ConfigRevision("abc1234" + hex, "blob" + hex, yaml);
        return new Release(n, image, config, T0, "ingested", status, environment, Set.of(), null);
    }

    /** Stores {@link #TRACKER} with these releases and per-environment deployed releases. */
    public void track(List<Release> releases, Map<String, Integer> deployed) {
        store.create(record(releases, deployed));
    }

    /** The record of {@link #TRACKER} with these releases and per-environment deployed releases. */
    public static TrackerRecord record(List<Release> releases, Map<String, Integer> deployed) {
        Map<String, EnvironmentState> envs = new HashMap<>();
        deployed.forEach((env, n) -> envs.put(env, new EnvironmentState(n, T0, null, null, null)));
        int last = releases.stream().mapToInt(Release::number).max().orElse(0);
        ReleaseState state = new ReleaseState(last, 0, releases.get(releases.size() - 1).config(), null, releases,
                envs, false, Set.of());
        Tracker tracker = new Tracker(TRACKER, "acme/payments-api", "fathomable.yaml", GitRef.DEFAULT, null);
        return new TrackerRecord(tracker, null, state, List.of());
    }

    @Override
    public ReleaseEngine engine() {
        return engine;
    }

    @Override
    public TrackerStore store() {
        return store;
    }

    @Override
    public KubernetesClient connect(KubernetesTarget target) {
        return clusters.apply(target);
    }

    @Override
    public String releasePipelineTemplate() {
        return template;
    }
}
