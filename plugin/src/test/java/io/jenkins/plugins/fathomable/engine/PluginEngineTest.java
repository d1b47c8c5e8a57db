package io.jenkins.plugins.fathomable.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.config.EngineSettings;
import io.jenkins.plugins.fathomable.config.Settings;
import io.jenkins.plugins.fathomable.core.api.ApiRequest;
import io.jenkins.plugins.fathomable.core.api.ApiResponse;
import io.jenkins.plugins.fathomable.core.api.Caller;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.source.github.GitHubReader;
import io.jenkins.plugins.fathomable.core.source.registry.Sleeper;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.credentials.CredentialsSecretStore;
import io.jenkins.plugins.fathomable.rest.ApiExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin's engine composition over a real {@link FileTrackerStore}, without Jenkins and without network: GitHub
 * is unreachable (every tracker's poll fails, which is recorded), tokens go to an in-memory credentials store.
 */
class PluginEngineTest {

    private static final Caller ADMIN = Caller.authenticated("alice", Caller.Permission.READ, Caller.Permission.WRITE);
    private static final Caller READER = Caller.authenticated("bob", Caller.Permission.READ);

    @TempDir
    Path home;
    private final Map<String, String> credentials = new LinkedHashMap<>();
    private final List<Tracker> configured = new ArrayList<>();
    private ExecutorService pool;
    private PluginEngine engine;

    /** A loopback port nothing listens on: GitHub is unreachable in these tests. */
    private String unreachableApi;

    @BeforeEach
    void compose() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            unreachableApi = "http://127.0.0.1:" + socket.getLocalPort();
        }
        pool = Executors.newFixedThreadPool(2);
        engine = newEngine();
    }

    private PluginEngine newEngine() {
        CredentialsSecretStore secrets = new CredentialsSecretStore(new CredentialsSecretStore.Writer() {
            @Override
            public void put(String id, String description, String secret) {
                credentials.put(id, secret);
            }

            @Override
            public void remove(String id) {
                credentials.remove(id);
            }
        }, id -> Optional.ofNullable(credentials.get(id)).map(s -> new Credential.Token(Secret.of(s))));
        EngineSettings settings = new EngineSettings(Settings.DEFAULT_GITHUB_API, RegistryConfig.anonymous(), Set.of(),
                FlowConfig.defaults(), Map.of());
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T04:00:00Z"), ZoneOffset.UTC);
        RequestCounter counter = new RequestCounter();
        GitHubReader gitHub = new GitHubReader(unreachableApi, secrets, Proxies.system(), GitHubLimits.DEFAULT,
                home.resolve("github-cache"), counter, clock, Sleeper.system());
        return new PluginEngine(settings, () -> List.copyOf(configured), new FileTrackerStore(home.resolve("trackers")),
                new FileMemory(home.resolve("configured-trackers.txt")), secrets, () -> { }, gitHub, Proxies.system(), request -> { }, counter,
                clock, new PluginEngine.Threads(pool, pool, java.time.Duration.ofSeconds(60)));
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private ApiResponse call(Caller caller, String method, String restOfPath, String json) {
        Map<String, List<String>> headers = json == null ? Map.of() : Map.of("Content-Type", List.of("application/json"));
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        ApiRequest request = ApiExchange.request(method, restOfPath, headers, body, caller);
        return engine.api().handle(request);
    }

    private String pass() throws InterruptedException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        engine.pollPass(new PrintStream(log, true, StandardCharsets.UTF_8), java.time.Duration.ZERO);
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTrackerPostedWithATokenIsStoredAndItsTokenKeptOnlyAsCredentials() throws IOException {
        ApiResponse created = call(ADMIN, "POST", "/", "{\"id\":\"team.app\",\"repo\":\"acme/app\","
                + "\"sourcePath\":\"fathomable.yaml\",\"token\":\"ghp_secret123\"}");

        assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/trackers/team.app");
        assertThat(created.bodyText()).doesNotContain("ghp_secret123");
        assertThat(credentials).containsExactly(Map.entry("fathomable-team.app", "ghp_secret123"));
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as("state file %s", f).doesNotContain("ghp_secret123");
            }
        }
        assertThat(engine.store().get(TrackerId.parse("team.app"))).get()
                .satisfies(r -> assertThat(r.tracker().credentialsId()).isEqualTo("fathomable-team.app"))
                .satisfies(r -> assertThat(r.observation().status()).isEqualTo(TrackerObservation.Status.ERROR));
    }

    @Test
    void readersMayListButNotWriteAndAnonymousCallersMustAuthenticate() {
        call(ADMIN, "POST", "", "{\"id\":\"team.app\",\"repo\":\"acme/app\",\"sourcePath\":\"fathomable.yaml\"}");

        ApiResponse list = call(READER, "GET", "/", null);
        ApiResponse one = call(READER, "GET", "/team.app", null);
        ApiResponse write = call(READER, "DELETE", "/team.app", null);
        ApiResponse anonymous = call(Caller.anonymous(), "GET", "/", null);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.bodyText()).contains("team.app");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.bodyText()).contains("\"releases\"").contains("\"dev\"");
        assertThat(write.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(engine.store().get(TrackerId.parse("team.app"))).isPresent();
    }

    @Test
    void configuredTrackersAreSyncedEachPassAndReadOnlyThroughRest() throws Exception {
        configured.add(Tracker.of("payments.api", "acme/payments", "fathomable.yaml", null, "main", null, null));
        call(ADMIN, "POST", "/", "{\"id\":\"team.app\",\"repo\":\"acme/app\",\"sourcePath\":\"fathomable.yaml\"}");

        String log = pass();

        assertThat(log).contains("tracker payments.api added from the configuration").contains("polled 2 trackers");
        assertThat(log).containsPattern("failed; requests (none|[a-z0-9_]+=\\d+( [a-z0-9_]+=\\d+)*)\\R");
        assertThat(engine.store().ids()).extracting(TrackerId::toString).containsExactly("payments.api", "team.app");
        ApiResponse delete = call(ADMIN, "DELETE", "/payments.api", null);
        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.bodyText()).contains("global configuration");

        configured.set(0, Tracker.of("payments.api", "acme/payments", "deploy/fathomable.yaml", null, "main", null, null));
        assertThat(pass()).contains("tracker payments.api updated from the configuration");
        assertThat(engine.store().get(TrackerId.parse("payments.api")).orElseThrow().tracker().sourcePath())
                .isEqualTo("deploy/fathomable.yaml");

        configured.clear();
        engine = newEngineOnSameStoreAfterRestart();
        assertThat(pass()).contains("tracker payments.api removed: no longer in the configuration");
        assertThat(engine.store().ids()).extracting(TrackerId::toString).containsExactly("team.app");
    }

    /** Found by the end-to-end suite: a tracker of Configuration as Code answered 404 until the first poll pass. */
    @Test
    void aConfiguredTrackerIsInTheApiBeforeAnyPollPassAndSyncedAgainOnlyWhenTheListIsReplaced() {
        configured.add(Tracker.of("payments.api", "acme/payments", "fathomable.yaml", null, "main", null, null));
        Object revision = new Object();

        engine.syncConfigured(revision);

        ApiResponse one = call(READER, "GET", "/payments.api", null);
        assertThat(one.status()).as(one.bodyText()).isEqualTo(200);
        assertThat(one.bodyText()).contains("\"sourcePath\":\"fathomable.yaml\"");
        assertThat(call(READER, "GET", "/", null).bodyText()).contains("payments.api");

        configured.set(0, Tracker.of("payments.api", "acme/payments", "deploy/fathomable.yaml", null, "main", null, null));
        engine.syncConfigured(revision);
        assertThat(engine.store().get(TrackerId.parse("payments.api")).orElseThrow().tracker().sourcePath())
                .as("the same list: not read again").isEqualTo("fathomable.yaml");

        engine.syncConfigured(new Object());
        assertThat(engine.store().get(TrackerId.parse("payments.api")).orElseThrow().tracker().sourcePath())
                .as("a new list: synced").isEqualTo("deploy/fathomable.yaml");
    }

    @Test
    void aConfiguredIdCannotBeTakenThroughRestBeforeTheFirstPass() {
        configured.add(Tracker.of("payments.api", "acme/payments", "fathomable.yaml", null, null, null, null));

        ApiResponse created = call(ADMIN, "POST", "/", "{\"id\":\"payments.api\",\"repo\":\"evil/repo\","
                + "\"sourcePath\":\"fathomable.yaml\",\"token\":\"ghp_x\"}");

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.bodyText()).contains("global configuration");
        assertThat(credentials).as("the posted token is not kept").isEmpty();
        assertThat(engine.store().ids()).isEmpty();
    }

    @Test
    void releaseOperationsAnswerOnTheApiAsTheCallerAlsoForConfiguredTrackers() throws Exception {
        configured.add(Tracker.of("payments.api", "acme/payments", "fathomable.yaml", null, null, null, null));
        pass();

        ApiResponse refused = engine.api().handle(ApiExchange.request("POST", "/payments.api/hold", null, Map.of(),
                new byte[0], READER));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(engine.releases().status(TrackerId.parse("payments.api")).held()).isFalse();

        ApiResponse held = engine.api().handle(ApiExchange.request("POST", "/payments.api/hold", null, Map.of(),
                new byte[0], ADMIN));
        assertThat(held.status()).as(held.bodyText()).isEqualTo(200);
        assertThat(held.bodyText()).contains("\"onHold\":true");
        assertThat(engine.releases().history(TrackerId.parse("payments.api"))).singleElement()
                .satisfies(h -> assertThat(h.actor() + " " + h.action()).isEqualTo("alice held"));

        ApiResponse rollback = engine.api().handle(ApiExchange.request("POST", "/payments.api/rollback",
                "environment=prod", Map.of(), new byte[0], ADMIN));
        assertThat(rollback.status()).as(rollback.bodyText()).isEqualTo(409);
        assertThat(rollback.bodyText()).contains("prod has no previous release to roll back to");
    }

    private PluginEngine newEngineOnSameStoreAfterRestart() {
        return newEngine();
    }

    @Test
    void aFailedPollIsLoggedWithTheTrackerAndReason() throws Exception {
        configured.add(Tracker.of("payments.api", "acme/payments", "fathomable.yaml", null, null, null, null));

        String log = pass();

        assertThat(log).contains("payments.api: ERROR").contains("cannot reach GitHub API at " + unreachableApi);
        assertThat(engine.store().get(TrackerId.parse("payments.api")).orElseThrow().observation().lastError())
                .contains("connection refused");
    }
}
