package io.jenkins.plugins.fathomable.core.testing;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.release.DeployWindow;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.EnvironmentConfig;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.store.TrackerStore;
import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.ObservationStore;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Many trackers in the states a real controller has, made by the real release engine in a given store, for the
 * dashboard's measurements (the benchmark, the end-to-end scale run): of every 100 trackers, 60 deployed in all four
 * environments (every tenth with a second release on its way), 15 waiting for approval in prod, 8 failed in dev, ha
 * or preprod, 5 held, 5 deploying, 4 whose last poll failed, 3 never polled; one in 20 has a pending
 * {@code fathomable.yaml} change. Trackers are {@code team-NNN.app-NNNNN} in 200 groups. Deterministic.
 */
public final class DashboardWorkload {

    /** A Tuesday, 10:00 in Berlin: prod's release window is open. */
    public static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");
    public static final int GROUPS = 200;

    private final TrackerStore store;
    private final ObservationStore observations;
    private final MutableClock clock = new MutableClock(NOW.minus(Duration.ofDays(3)));
    private final List<DeploymentRequest> handedOut = new ArrayList<>();
    private final ReleaseEngine engine;
    private int runs;

    public DashboardWorkload(TrackerStore store, ObservationStore observations) {
        this.store = store;
        this.observations = observations;
        this.engine = new ReleaseEngine(store, flow(), handedOut::add, clock);
    }

    /** dev → ha → preprod → prod; prod needs an approval and opens 09:00–17:00 Berlin time on weekdays. */
    public static FlowConfig flow() {
        List<EnvironmentConfig> envs = new ArrayList<>();
        for (String name : List.of("dev", "ha", "preprod", "prod")) {
            boolean prod = name.equals("prod");
            envs.add(new EnvironmentConfig(name, prod ? List.of(new DeployWindow("0 9 * * 1-5", "Europe/Berlin",
                    Duration.ofHours(8))) : List.of(), Duration.ZERO, prod, new KubernetesTarget("main", "shop-" + name)));
        }
        return new FlowConfig(envs);
    }

    public static TrackerId id(int i) {
        return TrackerId.parse(String.format("team-%03d.app-%05d", i % GROUPS, i));
    }

    /** Creates trackers {@code 0..count-1}. */
    public void create(int count) {
        for (int i = 0; i < count; i++) {
            tracker(i);
        }
        engine.reconcile();
    }

    private void tracker(int i) {
        TrackerId id = id(i);
        String repo = String.format("acme/app-%05d", i);
        GitRef ref = i % 20 == 3 ? GitRef.tag("v1.2." + (i % 7)) : GitRef.branch("main");
        store.create(TrackerRecord.of(new Tracker(id, repo, "deploy/fathomable.yaml", ref, "github-token")));
        int kind = i % 100;
        if (kind < 3) {
            return; // never polled
        }
        clock.set(NOW.minus(Duration.ofDays(3)).plusSeconds(i * 7L));
        ConfigRevision config = config(i, 1);
        ImageVersion image = image(i, 1);
        observations.saveObservation(id, new TrackerObservation(clock.instant(), config.commitSha(), config, image,
                TrackerObservation.Status.OK, null));
        engine.onEvent(new TrackerEvent.Ingested(id, clock.instant(), config, image));
        if (kind < 7) {
            finish(id, "prod", null);
            observations.saveObservation(id, new TrackerObservation(NOW.minus(Duration.ofMinutes(4)), config.commitSha(),
                    config, image, TrackerObservation.Status.ERROR, "cannot reach GitHub API at https://api.github.com:"
                    + " connection refused (reading repository " + repo + "); backing off until " + NOW.plusSeconds(20)));
        } else if (kind < 15) {
            String failIn = List.of("dev", "ha", "preprod").get(kind % 3);
            finish(id, failIn, "not ready: Deployment app-" + i + ": 1/3 replicas ready, 3/3 updated");
        } else if (kind < 20) {
            finish(id, "prod", null);
            engine.hold(id, "ada");
        } else if (kind < 25) {
            clock.set(NOW.minus(Duration.ofMinutes(3)));
            return; // deploying in dev: the request stays handed out
        } else {
            finish(id, "prod", null);
            if (kind >= 40) {
                clock.set(NOW.minus(Duration.ofHours(30)).plusSeconds(i));
                engine.approve(id, 1, "prod", "ada");
                finish(id, null, null);
                if (i % 10 == 5) {
                    ImageVersion next = image(i, 2);
                    engine.onEvent(new TrackerEvent.ImageUpdated(id, clock.instant(), image, next));
                    finish(id, "preprod", null);
                }
            }
        }
        if (i % 20 == 13) {
            engine.onEvent(new TrackerEvent.ConfigChanged(id, clock.instant(), config, config(i, 2)));
        }
    }

    /**
     * Completes every deployment of {@code id} until {@code stop} is reached (that one left waiting, or failed with
     * {@code failure}); {@code stop == null}: until nothing more is handed out.
     */
    private void finish(TrackerId id, String stop, String failure) {
        while (true) {
            DeploymentRequest r = handedOut.stream().filter(d -> d.tracker().equals(id)).findFirst().orElse(null);
            if (r == null) {
                return;
            }
            if (r.environment().equals(stop) && failure == null) {
                return;
            }
            handedOut.remove(r);
            clock.advance(Duration.ofMinutes(2));
            String run = "job/fathomable-" + id + "/" + (++runs) + "/";
            if (r.environment().equals(stop)) {
                engine.completed(r.id(), new DeploymentOutcome.Failed(failure, run));
                return;
            }
            engine.completed(r.id(), new DeploymentOutcome.Ready(run));
        }
    }

    static ConfigRevision config(int i, int revision) {
        String commit = String.format("%08x%032x", i, revision);
        String blob = String.format("%08x%032x", i + 0x10000000, revision);
        return new ConfigRevision(commit, blob, """
                apiVersion: fathomable.io/v1
                kind: Application
                metadata:
                  name: app-%05d
                spec:
                  pattern: web-service
                  replicas: %d
                  image:
                    repository: ghcr.io/acme/app-%05d
                    semver: "^1.4"
                  ports:
                    - name: http
                      port: 8080
                """.formatted(i, 1 + revision, i));
    }

    static ImageVersion image(int i, int build) {
        return new ImageVersion("ghcr.io/acme/app-" + String.format("%05d", i), "1.4." + build,
                "sha256:" + String.format("%08x%056x", i, build));
    }
}
