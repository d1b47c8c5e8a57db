package io.jenkins.plugins.fathomable.core.api;

import static io.jenkins.plugins.fathomable.core.testing.Fixtures.config;
import static io.jenkins.plugins.fathomable.core.testing.Fixtures.image;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.fathomable.core.api.Caller.Permission;
import io.jenkins.plugins.fathomable.core.engine.ReleaseStatusProvider;
import io.jenkins.plugins.fathomable.core.engine.StoreTrackerRepository;
import io.jenkins.plugins.fathomable.core.event.ImageVersion;
import io.jenkins.plugins.fathomable.core.event.TrackerEvent;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.EnvironmentConfig;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.ReleaseOperations;
import io.jenkins.plugins.fathomable.core.store.FileTrackerStore;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.testing.Fixtures;
import io.jenkins.plugins.fathomable.core.testing.MutableClock;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operation routes over a real release engine and file store: each operation changes the tracker as the engine
 * does and records the caller; wrong states answer 409 with the reason; bad requests change nothing.
 */
class ReleaseRoutesTest {

    private static final TrackerId ID = TrackerId.parse("shop.payments");
    private static final Caller ALICE = Caller.authenticated("alice", Permission.READ, Permission.WRITE);
    private static final Caller READER = Caller.authenticated("rita", Permission.READ);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final List<DeploymentRequest> handedOut = new CopyOnWriteArrayList<>();
    private final List<RuntimeException> unexpected = new ArrayList<>();
    private MutableClock clock;
    private FileTrackerStore store;
    private ReleaseEngine engine;
    private TrackerApi api;
    private ImageVersion current;

    @BeforeEach
    void oneTrackerWithReleaseOneDeployedInDevAndWaitingForApprovalInProd() {
        clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
        store = new FileTrackerStore(dir.resolve("trackers"));
        store.create(TrackerRecord.of(Fixtures.tracker(ID.toString())));
        FlowConfig flow = new FlowConfig(List.of(EnvironmentConfig.simple("dev", "c", "dev"),
                EnvironmentConfig.simple("prod", "c", "prod").withApprovalRequired(true)));
        engine = new ReleaseEngine(store, flow, handedOut::add, clock);
        StoreTrackerRepository trackers = new StoreTrackerRepository(store);
        api = new TrackerApi(new DefaultTrackerService(trackers, new InMemorySecretStore(), new FakeIngestor(),
                new ReleaseStatusProvider(engine), clock), new ReleaseOperations(engine), unexpected::add);
        current = image("1.4.2", 1);
        engine.onEvent(new TrackerEvent.Ingested(ID, clock.instant(), config(1), current));
        deployed("dev");
    }

    private void deployed(String env) {
        DeploymentRequest r = handedOut.stream().filter(d -> d.environment().equals(env)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("nothing handed out for " + env + ": " + handedOut));
        handedOut.clear();
        engine.completed(r.id(), new DeploymentOutcome.Ready(null));
    }

    private void failed(String env) {
        DeploymentRequest r = handedOut.stream().filter(d -> d.environment().equals(env)).reduce((a, b) -> b)
                .orElseThrow();
        handedOut.clear();
        engine.completed(r.id(), new DeploymentOutcome.Failed("ImagePullBackOff", null));
    }

    private void newDigest(int digest) {
        ImageVersion next = image("1.4.2", digest);
        engine.onEvent(new TrackerEvent.ImageUpdated(ID, clock.instant(), current, next));
        current = next;
    }

    private ApiResponse post(String path) {
        return call("POST", path, null, ALICE);
    }

    private ApiResponse call(String method, String path, String query, Caller caller) {
        return api.handle(new ApiRequest(method, path, Map.of(), null, caller, query));
    }

    private JsonNode body(ApiResponse r) throws Exception {
        return json.readTree(r.body());
    }

    private HistoryEntry lastHistory() {
        List<HistoryEntry> h = engine.history(ID);
        return h.get(h.size() - 1);
    }

    private byte[] stateFile() throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("trackers"))) {
            return Files.readAllBytes(files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow());
        }
    }

    private void assertError(ApiResponse r, int status, String code) throws Exception {
        assertThat(r.status()).as(r.bodyText()).isEqualTo(status);
        assertThat(body(r).path("error").asText()).isEqualTo(code);
        assertThat(body(r).path("message").asText()).isNotBlank();
    }

    @Test
    void approveLetsTheReleaseIntoProdAndRecordsTheCaller() throws Exception {
        assertThat(engine.status(ID).environments().get(1).waitingFor()).containsExactly("needs approval for prod");

        ApiResponse r = call("POST", "/trackers/shop.payments/releases/1/approve", "environment=prod", ALICE);

        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        JsonNode b = body(r);
        assertThat(b.path("id").asText()).isEqualTo("shop.payments");
        assertThat(b.path("releases").path("prod").path("inProgress").path("release").asInt()).isEqualTo(1);
        assertThat(handedOut).extracting(DeploymentRequest::environment).containsExactly("prod");
        assertThat(engine.history(ID)).filteredOn(h -> h.action().equals("approved")).singleElement()
                .satisfies(h -> {
                    assertThat(h.actor()).isEqualTo("alice");
                    assertThat(h.environment()).isEqualTo("prod");
                });
        JsonNode recent = b.path("releases").path("recentHistory");
        assertThat(recent.toString()).contains("\"actor\":\"alice\"", "\"action\":\"approved\"");
    }

    @Test
    void approveRefusesWrongStatesWith409AndChangesNothing() throws Exception {
        byte[] before = stateFile();
        ApiResponse noApproval = call("POST", "/trackers/shop.payments/releases/1/approve", "environment=dev", ALICE);
        assertError(noApproval, 409, "conflict");
        assertThat(body(noApproval).path("message").asText()).isEqualTo("dev needs no approval: releases enter it without one");

        newDigest(2); // release 2 supersedes release 1 in prod's queue once it is deployed in dev
        deployed("dev");
        byte[] superseded = stateFile();
        ApiResponse late = call("POST", "/trackers/shop.payments/releases/1/approve", "environment=prod", ALICE);
        assertError(late, 409, "conflict");
        assertThat(body(late).path("message").asText()).contains("release 1 is SUPERSEDED prod");
        assertThat(stateFile()).isEqualTo(superseded);
        assertThat(before).isNotEqualTo(superseded);
    }

    @Test
    void badParametersAre400And404AndChangeNothing() throws Exception {
        byte[] before = stateFile();
        assertError(call("POST", "/trackers/shop.payments/releases/1/approve", null, ALICE), 400, "invalid_field");
        assertThat(body(call("POST", "/trackers/shop.payments/releases/1/approve", null, ALICE)).path("field").asText())
                .isEqualTo("environment");
        assertError(call("POST", "/trackers/shop.payments/releases/1/approve", "environment=staging", ALICE), 400,
                "invalid_field");
        assertError(call("POST", "/trackers/shop.payments/releases/1/approve", "environment=prod&force=1", ALICE),
                400, "unknown_field");
        assertError(call("POST", "/trackers/shop.payments/releases/1/approve", "environment=prod&environment=dev",
                ALICE), 400, "invalid_field");
        assertError(call("POST", "/trackers/shop.payments/releases/9/approve", "environment=prod", ALICE), 404,
                "release_not_found");
        assertError(call("POST", "/trackers/shop.payments/releases/one/approve", "environment=prod", ALICE), 404,
                "release_not_found");
        assertError(call("POST", "/trackers/shop.other/hold", null, ALICE), 404, "tracker_not_found");
        assertError(call("POST", "/trackers/Not-An-Id/hold", null, ALICE), 404, "tracker_not_found");
        assertError(call("POST", "/trackers/shop.payments/releases/1/promote", null, ALICE), 404, "not_found");
        assertError(call("POST", "/trackers/shop.payments/hold", "x=%zz", ALICE), 400, "bad_request");
        assertError(call("POST", "/trackers/shop.payments/releases/1/reject", "reason=" + "x".repeat(501), ALICE),
                400, "invalid_field");
        assertError(call("POST", "/trackers/shop.payments/releases/1/reject", "reason=a%0Ab", ALICE),
                400, "invalid_field");
        ApiResponse withBody = api.handle(new ApiRequest("POST", "/trackers/shop.payments/hold",
                Map.of("Content-Type", List.of("application/json")), "{}".getBytes(), ALICE, null));
        assertError(withBody, 400, "invalid_body");
        ApiResponse get = call("GET", "/trackers/shop.payments/hold", null, ALICE);
        assertError(get, 405, "method_not_allowed");
        assertThat(get.header("Allow")).isEqualTo("POST");
        assertThat(stateFile()).isEqualTo(before);
        assertThat(handedOut).isEmpty();
        assertThat(unexpected).isEmpty();
    }

    @Test
    void withoutTheWritePermissionNothingHappens() throws Exception {
        byte[] before = stateFile();
        for (String path : List.of("/trackers/shop.payments/hold", "/trackers/shop.payments/unhold",
                "/trackers/shop.payments/rollback", "/trackers/shop.payments/releases/1/approve",
                "/trackers/shop.payments/releases/1/reject", "/trackers/shop.payments/releases/1/retry")) {
            assertError(call("POST", path, "environment=prod", READER), 403, "forbidden");
            assertError(call("POST", path, "environment=prod", Caller.anonymous(Permission.READ)), 401, "unauthorized");
        }
        assertThat(stateFile()).isEqualTo(before);
        assertThat(handedOut).isEmpty();
    }

    @Test
    void holdAndUnholdAreRecordedAndIdempotent() throws Exception {
        assertThat(post("/trackers/shop.payments/hold").status()).isEqualTo(200);
        JsonNode held = body(post("/trackers/shop.payments/hold"));
        assertThat(held.path("releases").path("onHold").asBoolean()).isTrue();
        assertThat(engine.history(ID)).filteredOn(h -> h.action().equals("held")).singleElement()
                .extracting(HistoryEntry::actor).isEqualTo("alice");
        call("POST", "/trackers/shop.payments/releases/1/approve", "environment=prod", ALICE);
        assertThat(handedOut).as("held: nothing handed out").isEmpty();

        JsonNode unheld = body(post("/trackers/shop.payments/unhold"));
        assertThat(unheld.path("releases").has("onHold")).isFalse();
        assertThat(lastHistory().actor()).isEqualTo("fathomable"); // the engine started prod right after
        assertThat(engine.history(ID)).filteredOn(h -> h.action().equals("unheld")).singleElement()
                .extracting(HistoryEntry::actor).isEqualTo("alice");
        assertThat(handedOut).extracting(DeploymentRequest::environment).containsExactly("prod");
    }

    @Test
    void rejectStopsTheQueuedReleaseWithTheReason() throws Exception {
        ApiResponse r = call("POST", "/trackers/shop.payments/releases/1/reject", "reason=broken+login+page", ALICE);
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        assertThat(lastHistory()).satisfies(h -> {
            assertThat(h.action()).isEqualTo("rejected");
            assertThat(h.actor()).isEqualTo("alice");
            assertThat(h.detail()).isEqualTo("broken login page");
        });
        ApiResponse again = post("/trackers/shop.payments/releases/1/approve");
        assertError(again, 400, "invalid_field");
        assertError(call("POST", "/trackers/shop.payments/releases/1/approve", "environment=prod", ALICE), 409,
                "conflict");
    }

    @Test
    void rollbackDeploysThePreviousReleaseAndRefusesWhenThereIsNone() throws Exception {
        ApiResponse none = call("POST", "/trackers/shop.payments/rollback", "environment=dev", ALICE);
        assertError(none, 409, "conflict");
        assertThat(body(none).path("message").asText()).isEqualTo("dev has no previous release to roll back to");

        newDigest(2);
        deployed("dev");
        ApiResponse r = call("POST", "/trackers/shop.payments/rollback", "environment=dev", ALICE);
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        assertThat(handedOut).singleElement().satisfies(d -> {
            assertThat(d.environment()).isEqualTo("dev");
            assertThat(d.release().number()).isEqualTo(1);
        });
        assertError(call("POST", "/trackers/shop.payments/rollback", "environment=dev", ALICE), 409, "conflict");
        assertThat(engine.history(ID)).filteredOn(h -> h.action().equals("rolling-back")).singleElement()
                .extracting(HistoryEntry::actor).isEqualTo("alice");
    }

    @Test
    void retryQueuesAFailedReleaseAgain() throws Exception {
        assertError(post("/trackers/shop.payments/releases/1/retry"), 409, "conflict");
        newDigest(2);
        failed("dev");
        ApiResponse r = post("/trackers/shop.payments/releases/2/retry");
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        assertThat(handedOut).singleElement().satisfies(d -> assertThat(d.release().number()).isEqualTo(2));
        assertThat(engine.history(ID)).filteredOn(h -> h.action().equals("retried")).singleElement()
                .extracting(HistoryEntry::actor).isEqualTo("alice");
    }
}
