package io.jenkins.plugins.fathomable.core.release;

import static io.jenkins.plugins.fathomable.core.testing.Fixtures.config;
import static io.jenkins.plugins.fathomable.core.testing.Fixtures.tracker;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.nio.file.Path;
import java.time.Instant;

/** One tracker, a file store, a recording executor and a hand-moved clock: the engine as the host wires it. */
final class Harness {

    static final TrackerId ID = TrackerId.parse("shop.payments");

    final MutableClock clock;
    final RecordingExecutor executor = new RecordingExecutor();
    final FileTrackerStore store;
    final FlowConfig flow;
    final ReleaseEngine engine;
    private ImageVersion image;
    private ConfigRevision config;
    private int runs;

    Harness(Path dir, FlowConfig flow, Instant start) {
        this.clock = new MutableClock(start);
        this.store = new FileTrackerStore(dir);
        this.flow = flow;
        if (store.get(ID).isEmpty()) {
            store.create(TrackerRecord.of(tracker(ID.toString())));
        }
        this.engine = new ReleaseEngine(store, flow, executor, clock);
    }

    void ingest(int configNumber, ImageVersion first) {
        config = config(configNumber);
        image = first;
        engine.onEvent(new TrackerEvent.Ingested(ID, clock.instant(), config, image));
    }

    void configChanged(int configNumber) {
        ConfigRevision next = config(configNumber);
        engine.onEvent(new TrackerEvent.ConfigChanged(ID, clock.instant(), config, next));
        config = next;
    }

    void imageUpdated(ImageVersion next) {
        engine.onEvent(new TrackerEvent.ImageUpdated(ID, clock.instant(), image, next));
        image = next;
    }

    void newImageVersion(ImageVersion next) {
        engine.onEvent(new TrackerEvent.NewImageVersion(ID, clock.instant(), image, next));
        image = next;
    }

    /** The only request handed out since the last check, which must be {@code release} to {@code env}. */
    DeploymentRequest expectRequest(int release, String env) {
        assertThat(executor.requests).as("requests handed out").hasSize(1);
        DeploymentRequest r = executor.drain().get(0);
        assertThat(r.release().number()).as("release of " + r.id()).isEqualTo(release);
        assertThat(r.environment()).isEqualTo(env);
        return r;
    }

    void expectNoRequest() {
        assertThat(executor.requests).as("requests handed out").isEmpty();
    }

    String ready(DeploymentRequest r) {
        String url = "https://jenkins.example/job/payments/" + (++runs) + "/";
        assertThat(engine.completed(r.id(), new DeploymentOutcome.Ready(url))).isTrue();
        return url;
    }

    String fail(DeploymentRequest r, String reason) {
        String url = "https://jenkins.example/job/payments/" + (++runs) + "/";
        assertThat(engine.completed(r.id(), new DeploymentOutcome.Failed(reason, url))).isTrue();
        return url;
    }

    /** Deploys {@code release}, already handed to {@code env}, and reports it ready. */
    void deploy(int release, String env) {
        ready(expectRequest(release, env));
    }

    ReleaseState state() {
        return store.get(ID).orElseThrow().releases();
    }

    Release release(int number) {
        return state().release(number).orElseThrow();
    }

    TrackerStatus.Environment env(String name) {
        return engine.status(ID).environments().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
