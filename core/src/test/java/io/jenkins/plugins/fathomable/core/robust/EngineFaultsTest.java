package io.jenkins.plugins.fathomable.core.robust;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.deploy.MockCluster;
import io.jenkins.plugins.fathomable.core.engine.LocalReleaseExecutor;
import io.jenkins.plugins.fathomable.core.engine.TrackingEngine;
import io.jenkins.plugins.fathomable.core.release.EnvironmentConfig;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.release.Release;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryClient;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import io.jenkins.plugins.fathomable.core.testing.RecordingSleeper;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robustness suite's fault injection (issue 13): the whole engine between a real registry (behind a WireMock
 * proxy that injects faults), the WireMock GitHub stand-in and fabric8's Kubernetes mock. For every fault: the
 * tracker's status shows it (with the back-off where there is one), nothing is lost (an image pushed during the fault
 * is released once it ends), and the engine recovers by itself. {@link #FAULTS} counts the faults injected.
 */
class EngineFaultsTest {

    static final java.util.concurrent.atomic.AtomicInteger FAULTS = new java.util.concurrent.atomic.AtomicInteger();

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.anonymous();

    @RegisterExtension
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    /** Between the engine and the registry: passes everything through unless a fault is stubbed. */
    @RegisterExtension
    static final WireMockExtension PROXY = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final TrackerId ID = TrackerId.parse("team.api");
    private static final String REPO = "acme/api";

    @TempDir
    Path state;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private GitHubFixture github;
    private MockCluster cluster;
    private ExecutorService pollThreads;
    private ScheduledExecutorService workers;
    private TrackingEngine engine;
    private int commits;

    @BeforeEach
    void setUp() throws Exception {
        github = new GitHubFixture(GITHUB, clock.instant().plus(Duration.ofHours(1)));
        PROXY.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom("http://" + REGISTRY.host())));
        cluster = MockCluster.start();
        pollThreads = Executors.newFixedThreadPool(2);
        workers = Executors.newScheduledThreadPool(2);
        RequestCounter counter = new RequestCounter();
        RegistryClient registry = new RegistryClient(HttpClient.newHttpClient(),
                new RegistryConfig(Map.of(), new RegistryConfig.Limits(4, 1000, 2, Duration.ofMillis(100),
                        Duration.ofSeconds(5))), CredentialsPort.none(), counter, clock, sleeper);
        FlowConfig flow = new FlowConfig(List.of(EnvironmentConfig.simple("dev", "mock", "apps")));
        engine = new TrackingEngine(new FileTrackerStore(state.resolve("trackers")),
                github.reader(CredentialsPort.none(), state.resolve("cache"), counter, clock), registry, flow,
                reporter -> new LocalReleaseExecutor(state.resolve("releases"), target -> Optional.of(cluster.client),
                        reporter, workers, Duration.ofMinutes(1), clock, log::add),
                clock, pollThreads, log::add);
        String digest = push();
        publish();
        Tracker tracker = Tracker.of(ID.toString(), REPO, "fathomable.yaml", null, null, null, null);
        assertThat(engine.trackers().createIfAbsent(tracker)).isTrue();
        assertThat(engine.ingestor().ingest(tracker).valid()).isTrue();
        awaitDeployed(1, digest);
    }

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("EngineFaultsTest: " + FAULTS.get() + " faults injected, each shown, survived and recovered");
    }

    @AfterEach
    void tearDown() {
        pollThreads.shutdownNow();
        workers.shutdownNow();
        cluster.close();
    }

    private static String image() {
        return "127.0.0.1:" + PROXY.getPort() + "/team/api";
    }

    private String push() throws Exception {
        return REGISTRY.pusher().image("team/api", "1.0").digest();
    }

    private void publish() {
        String sha = GitHubFixture.sha(REPO + (++commits));
        github.repository(REPO, "main");
        github.commit(REPO, "heads/main", sha);
        github.file(REPO, "fathomable.yaml", sha, "apiVersion: fathomable.io/v1\nkind: Application\nmetadata:\n"
                + "  name: api\nspec:\n  pattern: cron-job\n  schedule: \"*/5 * * * *\"\n  image:\n    repository: "
                + image() + "\n    tag: \"1.0\"\n");
    }

    private StubMapping fault(MappingBuilder stub) {
        FAULTS.incrementAndGet();
        return PROXY.stubFor(stub.atPriority(1));
    }

    private TrackerObservation observation() {
        return engine.trackers().observation(ID).orElseThrow();
    }

    private List<Release> releases() {
        return engine.releases().status(ID).releases();
    }

    private void awaitRelease(String what, Predicate<List<Release>> done) throws InterruptedException {
        for (int i = 0; i < 600 && !done.test(releases()); i++) {
            Thread.sleep(100);
        }
        List<Release> now = releases();
        assertThat(done.test(now)).as(what + "; releases " + now + "; log: " + log).isTrue();
    }

    private void awaitDeployed(int number, String digest) throws InterruptedException {
        awaitRelease("release " + number + " deployed with " + digest, rs -> rs.stream().anyMatch(r ->
                r.number() == number && r.image().digest().equals(digest) && r.status() == ReleaseStatus.COMPLETED));
    }

    @Test
    void registryAnswering503RetriesWithBackoffShowsItAndReleasesWhatWasPushedMeanwhile() throws Exception {
        StubMapping down = fault(head(urlPathMatching("/v2/team/api/manifests/.*"))
                .willReturn(aResponse().withStatus(503).withBody("{\"errors\":[{\"code\":\"UNAVAILABLE\"}]}")));
        String during = push();
        int sleepsBefore = sleeper.sleeps().size();
        engine.pollOnce();
        assertThat(observation().status()).isEqualTo(Status.REGISTRY_ERROR);
        assertThat(observation().lastError()).contains("answered HTTP 503");
        assertThat(sleeper.sleeps().subList(sleepsBefore, sleeper.sleeps().size())).as("exponential back-off")
                .containsSubsequence(Duration.ofMillis(100), Duration.ofMillis(200));

        StubMapping five = fault(head(urlPathMatching("/v2/team/api/manifests/.*")).willReturn(aResponse().withStatus(500)));
        PROXY.removeStub(down);
        engine.pollOnce();
        assertThat(observation().lastError()).contains("answered HTTP 500");

        PROXY.removeStub(five);
        engine.pollOnce();
        assertThat(observation().status()).isEqualTo(Status.OK);
        awaitDeployed(2, during);
    }

    @Test
    void registryAsking429WithALongRetryAfterPausesVisiblyAndRecoversAfterIt() throws Exception {
        StubMapping limited = fault(head(urlPathMatching("/v2/team/api/manifests/.*"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        String during = push();
        engine.pollOnce();
        assertThat(observation().status()).isEqualTo(Status.RATE_LIMITED);
        int seen = PROXY.getAllServeEvents().size();
        engine.pollOnce();
        assertThat(PROXY.getAllServeEvents()).as("paused: no request until Retry-After has passed").hasSize(seen);
        assertThat(observation().status()).isEqualTo(Status.RATE_LIMITED);
        assertThat(observation().lastError()).contains("paused until 2026-03-01T10:02:");

        PROXY.removeStub(limited);
        clock.advance(Duration.ofSeconds(121));
        engine.pollOnce();
        assertThat(observation().status()).isEqualTo(Status.OK);
        awaitDeployed(2, during);
    }

    @Test
    void aRegistryThatResetsConnectionsOrAnswersSlowlyIsSurvived() throws Exception {
        StubMapping reset = fault(head(urlPathMatching("/v2/team/api/manifests/.*"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String during = push();
        engine.pollOnce();
        assertThat(observation().status()).isEqualTo(Status.REGISTRY_ERROR);
        assertThat(observation().lastError()).contains("could not be reached");
        PROXY.removeStub(reset);

        // a slow registry (well inside the client's time-out) delays the pass but loses nothing
        StubMapping slow = fault(head(urlPathMatching("/v2/team/api/manifests/.*")).willReturn(aResponse()
                .proxiedFrom("http://" + REGISTRY.host()).withFixedDelay(1500)));
        engine.pollOnce();
        PROXY.removeStub(slow);
        assertThat(observation().status()).isEqualTo(Status.OK);
        awaitDeployed(2, during);
    }

    @Test
    void gitHubFailuresShowOnTheStatusWithBackOffAndTheNextPassCatchesUp() throws Exception {
        String commitUrl = "/repos/" + REPO + "/commits/heads/main";
        FAULTS.incrementAndGet();
        github.error(commitUrl, 500, "Server Error", 4900);
        String during = push();
        engine.pollOnce();
        assertThat(observation().status()).isEqualTo(Status.ERROR);
        assertThat(observation().lastError()).contains("GitHub answered HTTP 500");
        assertThat(releases()).as("no release while the commit cannot be read").hasSize(1);

        FAULTS.incrementAndGet();
        github.error(commitUrl, 503, "Service Unavailable", 4900);
        engine.pollOnce();
        assertThat(observation().lastError()).contains("GitHub answered HTTP 503");

        FAULTS.incrementAndGet();
        StubMapping reset = GITHUB.stubFor(get(urlEqualTo(commitUrl)).atPriority(0)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        engine.pollOnce();
        assertThat(observation().lastError()).contains("backing off until 2026-03-01T10:00:05Z");
        GITHUB.removeStub(reset);
        engine.pollOnce();
        assertThat(observation().lastError()).as("still backing off: no request").contains("backing off until");

        FAULTS.incrementAndGet();
        github.error(commitUrl, 429, "API rate limit exceeded", 0);
        clock.advance(Duration.ofSeconds(6));
        engine.pollOnce();
        assertThat(observation().status()).isEqualTo(Status.RATE_LIMITED);
        assertThat(observation().lastError()).contains("paused until");

        publish(); // the fault ends (a new commit on main, with the same file)
        clock.advance(Duration.ofHours(1));
        engine.pollOnce();
        assertThat(observation().status()).as(observation().lastError()).isEqualTo(Status.OK);
        awaitDeployed(2, during);
    }

    @Test
    void theApiServerFailingAppliesFailsThoseReleasesVisiblyAndTheNextOneDeploys() throws Exception {
        FAULTS.incrementAndGet();
        cluster.failNextApplies(500, 1000);
        String failing = push();
        engine.pollOnce();
        awaitRelease("release 2 failed on the 500", rs -> rs.stream().anyMatch(r -> r.number() == 2
                && r.status() == ReleaseStatus.FAILED && String.valueOf(r.reason()).contains("500")));

        FAULTS.incrementAndGet();
        cluster.failNextApplies(409, 1000);
        String conflicting = push();
        engine.pollOnce();
        awaitRelease("release 3 failed on the 409", rs -> rs.stream().anyMatch(r -> r.number() == 3
                && r.status() == ReleaseStatus.FAILED && String.valueOf(r.reason()).contains("409")));

        cluster.failNextApplies(500, 0);
        String healthy = push();
        engine.pollOnce();
        awaitDeployed(4, healthy);
        assertThat(releases()).extracting(r -> r.image().digest()).as("every digest got its release")
                .contains(failing, conflicting, healthy);
    }
}
