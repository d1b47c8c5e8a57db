package io.jenkins.plugins.fathomable.core.engine;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.api.IngestResult;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.poll.CycleReport;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import io.jenkins.plugins.fathomable.core.testing.RecordingSleeper;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The composed loop on WireMock GitHub and a real registry, with an executor the test controls. */
class TrackingEngineTest {

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.anonymous();

    private static final GitHubGraphQl GRAPHQL = new GitHubGraphQl();

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(GRAPHQL)).build();

    @TempDir
    Path state;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final List<DeploymentRequest> handedOut = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private GitHubFixture github;
    private ExecutorService pollThreads;
    private int commits;

    @BeforeEach
    void setUp() {
        github = new GitHubFixture(WM, clock.instant().plus(Duration.ofHours(1)), GRAPHQL);
        pollThreads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        pollThreads.shutdownNow();
    }

    /** {@code completes}: the executor reports every deployment ready at once; otherwise it keeps them running. */
    private TrackingEngine engine(boolean completes) {
        return engine(completes, CredentialsPort.none(), GitHubLimits.DEFAULT);
    }

    private TrackingEngine engine(boolean completes, CredentialsPort credentials, GitHubLimits limits) {
        RequestCounter counter = new RequestCounter();
        RegistryClient registry = new RegistryClient(HttpClient.newHttpClient(),
                new RegistryConfig(Map.of(), new RegistryConfig.Limits(4, 1000, 3, Duration.ofMillis(100),
                        Duration.ofSeconds(5))), CredentialsPort.none(), counter, clock, new RecordingSleeper(clock));
        return new TrackingEngine(new FileTrackerStore(state.resolve("trackers")),
                github.reader(credentials, limits, state.resolve("cache"), counter, clock), registry,
                FlowConfig.defaults(),
                reporter -> request -> {
                    handedOut.add(request);
                    if (completes) {
                        reporter.completed(request.id(), DeploymentOutcome.ready("run:" + request.id()));
                    }
                }, clock, pollThreads, log::add);
    }

    private static String spec(String extra) {
        return "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n  name: api\nspec:\n  pattern: worker\n"
                + "  image:\n    repository: " + REGISTRY.host() + "/team/api\n    tag: \"1.0\"\n" + extra;
    }

    private String[] publish(String content) {
        String sha = GitHubFixture.sha("acme/api" + (++commits));
        github.repository("acme/api", "main");
        github.commit("acme/api", "heads/main", sha);
        return new String[] {sha, github.file("acme/api", "fathomable.yaml", sha, content)};
    }

    private static Tracker tracker(String path) {
        return Tracker.of("team.api", "acme/api", path, null, null, null, null);
    }

    @Test
    void ingestReleasesAtOnceAndAPassTurnsANewDigestIntoTheNextRelease() throws Exception {
        String first = REGISTRY.pusher().image("team/api", "1.0").digest();
        String[] c1 = publish(spec(""));
        TrackingEngine engine = engine(true);
        assertThat(engine.trackers().createIfAbsent(tracker("fathomable.yaml"))).isTrue();

        IngestResult ingested = engine.ingestor().ingest(tracker("fathomable.yaml"));
        assertThat(ingested.valid()).isTrue();
        assertThat(ingested.observation().config().blobSha()).isEqualTo(c1[1]);
        assertThat(handedOut).extracting(DeploymentRequest::environment).containsExactly("dev", "ha", "preprod", "prod");
        assertThat(handedOut.get(0).release().image().pinned()).isEqualTo(REGISTRY.host() + "/team/api@" + first);

        String second = REGISTRY.pusher().image("team/api", "1.0").digest();
        CycleReport report = engine.pollOnce();
        assertThat(report.events()).hasSize(1);
        assertThat(handedOut).hasSize(8);
        assertThat(handedOut.get(4).release().number()).isEqualTo(2);
        assertThat(handedOut.get(4).release().image().digest()).isEqualTo(second);

        publish(spec("  replicas: 2\n"));
        engine.pollOnce();
        assertThat(handedOut).as("a config change alone is held").hasSize(8);
        @SuppressWarnings("unchecked")
        Map<String, Object> dev = (Map<String, Object>) engine.status().releases(TrackerId.parse("team.api")).get("dev");
        assertThat(dev).containsEntry("namespace", "dev").containsKey("deployed");
        assertThat(engine.status().releases(TrackerId.parse("team.api"))).containsKeys("pendingConfig", "recentHistory");
        assertThat(log).anyMatch(l -> l.startsWith("event: team.api config changed"))
                .anyMatch(l -> l.startsWith("poll: 1 trackers, 1 events, 0 failed"));
    }

    @Test
    void anInvalidOrMissingFileIsReportedByFieldAndReleasesNothing() throws Exception {
        REGISTRY.pusher().image("team/api", "1.0");
        publish(spec("  replicas: lots\n"));
        TrackingEngine engine = engine(true);
        engine.trackers().createIfAbsent(tracker("fathomable.yaml"));

        IngestResult invalid = engine.ingestor().ingest(tracker("fathomable.yaml"));
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.observation().status()).isEqualTo(Status.INVALID_CONFIG);
        assertThat(invalid.errors()).extracting(FieldError::field, FieldError::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec.replicas", 10));

        engine.trackers().replace(tracker("deploy/missing.yaml"));
        github.error("/repos/acme/api/contents/deploy/missing.yaml?ref=" + GitHubFixture.sha("acme/api1"), 404,
                "Not Found", 4990);
        IngestResult missing = engine.ingestor().ingest(tracker("deploy/missing.yaml"));
        assertThat(missing.observation().status()).isEqualTo(Status.NOT_FOUND);
        assertThat(missing.errors()).extracting(FieldError::field).containsExactly("sourcePath");
        assertThat(handedOut).isEmpty();
    }

    @Test
    void deploymentsLeftInProgressAreHandedOutAgainAfterARestart() throws Exception {
        REGISTRY.pusher().image("team/api", "1.0");
        publish(spec(""));
        TrackingEngine engine = engine(false);
        engine.trackers().createIfAbsent(tracker("fathomable.yaml"));
        engine.ingestor().ingest(tracker("fathomable.yaml"));
        assertThat(handedOut).hasSize(1);

        TrackingEngine restarted = engine(false);
        List<DeploymentRequest> resumed = restarted.resumeInterrupted();
        assertThat(resumed).containsExactly(handedOut.get(0));
        assertThat(handedOut).hasSize(2);
        assertThat(restarted.pollOnce().events()).as("nothing changed meanwhile").isEmpty();
        assertThat(handedOut).as("still in progress: not handed out a third time").hasSize(2);
    }

    @Test
    void anIngestBeyondTheGitHubBudgetSaysSoAndTheNextPassReadsItFirst() throws Exception {
        REGISTRY.pusher().image("team/api", "1.0");
        String[] c1 = publish(spec(""));
        github.file("acme/api", "other/fathomable.yaml", c1[0], spec("  replicas: 2\n"));
        CredentialsPort token = id -> java.util.Optional.of(new io.jenkins.plugins.fathomable.core.credentials.Credential.Token(
                io.jenkins.plugins.fathomable.core.credentials.Secret.of("ghp_" + "IngestBudgetToken")));
        // one file read a minute
        TrackingEngine engine = engine(true, token, new GitHubLimits(1, 100, 10));
        Tracker first = Tracker.of("team.api", "acme/api", "fathomable.yaml", null, null, null, "tok");
        Tracker second = Tracker.of("team.other", "acme/api", "other/fathomable.yaml", null, null, null, "tok");
        engine.trackers().createIfAbsent(first);
        engine.trackers().createIfAbsent(second);

        assertThat(engine.ingestor().ingest(first).observation().status()).isEqualTo(Status.OK);
        IngestResult waiting = engine.ingestor().ingest(second);

        assertThat(waiting.errors()).isEmpty();
        assertThat(waiting.observation().status()).isEqualTo(Status.NEVER_POLLED);
        assertThat(waiting.observation().lastError()).startsWith("not read yet: the GitHub request budget");
        assertThat(engine.trackers().observation(TrackerId.parse("team.other")).orElseThrow().lastError())
                .as("nothing stored").isNull();

        clock.advance(Duration.ofSeconds(61));
        CycleReport next = engine.pollOnce();

        assertThat(next.deferred()).isZero();
        assertThat(next.events()).singleElement().satisfies(e -> assertThat(e.tracker()).isEqualTo(TrackerId.parse("team.other")));
        assertThat(engine.trackers().observation(TrackerId.parse("team.other")).orElseThrow().status()).isEqualTo(Status.OK);
    }
}
