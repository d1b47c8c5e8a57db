package io.jenkins.plugins.fathomable.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.fathomable.core.api.Caller.Permission;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackerApiTest {

    private static final String TOKEN = "ghp_TopSecretToken1234567890";
    private static final Caller ADMIN = Caller.authenticated("admin", Permission.READ, Permission.WRITE);

    private final ObjectMapper json = new ObjectMapper();
    private final InMemoryTrackerRepository repository = new InMemoryTrackerRepository();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final List<RuntimeException> unexpected = new ArrayList<>();
    private final TrackerApi api = new TrackerApi(new DefaultTrackerService(repository, secrets, new FakeIngestor(),
            id -> Map.of("dev", Map.of("deployed", "1.0.0", "queue", List.of())),
            Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC)), unexpected::add);

    private ApiResponse call(String method, String path, String body) {
        return call(method, path, body, ADMIN);
    }

    private ApiResponse call(String method, String path, String body, Caller caller) {
        Map<String, List<String>> headers = body == null ? Map.of() : Map.of("content-type", List.of("application/json"));
        return api.handle(new ApiRequest(method, path, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), caller));
    }

    private JsonNode body(ApiResponse r) throws Exception {
        return json.readTree(r.body());
    }

    private static String tracker(String id, String extra) {
        return "{\"id\":\"" + id + "\",\"repo\":\"acme/app\",\"sourcePath\":\"deploy/fathomable.yaml\"" + extra + "}";
    }

    private void assertError(ApiResponse r, int status, String code, String field) throws Exception {
        assertThat(r.status()).as(r.bodyText()).isEqualTo(status);
        assertThat(r.header("Content-Type")).isEqualTo(ApiResponse.JSON);
        JsonNode b = body(r);
        assertThat(b.path("error").asText()).isEqualTo(code);
        assertThat(b.path("message").asText()).isNotBlank();
        if (field == null) {
            assertThat(b.has("field")).isFalse();
        } else {
            assertThat(b.path("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void postCreatesStoresTheTokenApartAndIngestsAtOnce() throws Exception {
        ApiResponse r = call("POST", "/trackers/", tracker("team.app", ",\"token\":\"" + TOKEN + "\",\"branch\":\"main\""));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Location")).isEqualTo("/trackers/team.app");
        assertThat(r.bodyText()).doesNotContain(TOKEN);
        JsonNode b = body(r);
        assertThat(b.path("id").asText()).isEqualTo("team.app");
        assertThat(b.path("branch").asText()).isEqualTo("main");
        assertThat(b.path("credentialsId").asText()).isEqualTo("fathomable-team.app");
        assertThat(b.path("validation").path("valid").asBoolean()).isTrue();
        assertThat(b.path("status").path("state").asText()).isEqualTo("OK");
        assertThat(b.path("status").path("commitSha").asText()).isEqualTo("sha-of-branch-main");
        assertThat(secrets.reveal("fathomable-team.app")).isEqualTo(TOKEN);
        assertThat(repository.get(TrackerId.parse("team.app")).orElseThrow().credentialsId()).isEqualTo("fathomable-team.app");
    }

    @Test
    void aTrackerWithAnInvalidFileIsCreatedAndReportsTheErrors() throws Exception {
        ApiResponse r = call("POST", "/trackers", "{\"id\":\"team.bad\",\"repo\":\"acme/app\",\"sourcePath\":\"invalid.yaml\"}");

        assertThat(r.status()).isEqualTo(201);
        JsonNode v = body(r).path("validation");
        assertThat(v.path("valid").asBoolean()).isFalse();
        assertThat(v.path("errors").get(0).path("field").asText()).isEqualTo("spec.image.tag");
        assertThat(v.path("errors").get(0).path("line").asInt()).isEqualTo(7);
        JsonNode got = body(call("GET", "/trackers/team.bad", null));
        assertThat(got.path("status").path("state").asText()).isEqualTo("INVALID_CONFIG");
        assertThat(got.path("status").path("lastError").asText()).contains("spec.image.tag");
        assertThat(got.has("credentialsId")).as("anonymous access").isFalse();
    }

    @Test
    void getOneShowsStatusAndReleasesAndListShowsAllInOrder() throws Exception {
        call("POST", "/trackers/", tracker("b.two", ",\"token\":\"" + TOKEN + "\""));
        call("POST", "/trackers/", tracker("a.one", ",\"credentialsId\":\"jenkins-gh\",\"tag\":\"v1\""));

        ApiResponse one = call("GET", "/trackers/b.two", null);
        assertThat(one.status()).isEqualTo(200);
        JsonNode b = body(one);
        assertThat(b.path("status").path("lastPoll").asText()).isEqualTo("2026-11-27T12:00:00Z");
        assertThat(b.path("status").path("blobSha").asText()).isEqualTo("b10b");
        assertThat(b.path("status").path("image").path("digest").asText()).isEqualTo("sha256:abc");
        assertThat(b.path("releases").path("dev").path("deployed").asText()).isEqualTo("1.0.0");
        assertThat(b.has("validation")).isFalse();

        ApiResponse list = call("GET", "/trackers/", null);
        assertThat(list.status()).isEqualTo(200);
        JsonNode trackers = body(list).path("trackers");
        assertThat(trackers).hasSize(2);
        assertThat(trackers.get(0).path("id").asText()).isEqualTo("a.one");
        assertThat(trackers.get(0).path("tag").asText()).isEqualTo("v1");
        assertThat(trackers.get(0).path("credentialsId").asText()).isEqualTo("jenkins-gh");
        assertThat(trackers.get(1).path("status").path("state").asText()).isEqualTo("OK");
        assertThat(list.bodyText()).doesNotContain(TOKEN);
        assertThat(one.bodyText()).doesNotContain(TOKEN);
    }

    @Test
    void aSecretReachingAResponseIsMasked() throws Exception {
        TrackerApi leaky = new TrackerApi(new DefaultTrackerService(repository, secrets, new FakeIngestor(),
                id -> Map.of("dev", Map.of("oops", Secret.of(TOKEN))), Clock.systemUTC()), unexpected::add);
        call("POST", "/trackers/", tracker("a.b", ""));
        ApiResponse r = leaky.handle(new ApiRequest("GET", "/trackers/a.b", Map.of(), null, ADMIN));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).doesNotContain(TOKEN).contains("\"oops\":\"****\"");
    }

    @Test
    void getOfAnUnknownOrMalformedIdIs404() throws Exception {
        assertError(call("GET", "/trackers/no.such", null), 404, "tracker_not_found", null);
        assertError(call("GET", "/trackers/Not-An-Id", null), 404, "tracker_not_found", null);
        assertError(call("GET", "/elsewhere", null), 404, "not_found", null);
        assertError(call("GET", "/trackers/a.b/extra", null), 404, "not_found", null);
    }

    @Test
    void postOfAnExistingIdIs409AndKeepsTheFirstTrackerAndToken() throws Exception {
        call("POST", "/trackers/", tracker("a.b", ",\"token\":\"first-token\""));

        ApiResponse r = call("POST", "/trackers/", "{\"id\":\"a.b\",\"repo\":\"other/repo\",\"sourcePath\":\"x.yaml\",\"token\":\"second\"}");

        assertError(r, 409, "tracker_exists", "id");
        assertThat(secrets.reveal("fathomable-a.b")).isEqualTo("first-token");
        assertThat(repository.get(TrackerId.parse("a.b")).orElseThrow().repo()).isEqualTo("acme/app");
    }

    @Test
    void putReplacesAndANewTokenReplacesTheStoredOne() throws Exception {
        call("POST", "/trackers/", tracker("a.b", ",\"token\":\"old-token\""));

        ApiResponse r = call("PUT", "/trackers/a.b", tracker("a.b", ",\"token\":\"new-token\",\"tag\":\"v2\""));

        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        assertThat(body(r).path("tag").asText()).isEqualTo("v2");
        assertThat(body(r).path("validation").path("valid").asBoolean()).isTrue();
        assertThat(secrets.reveal("fathomable-a.b")).isEqualTo("new-token");
        assertThat(body(call("GET", "/trackers/a.b", null)).path("status").path("commitSha").asText())
                .isEqualTo("sha-of-tag-v2");
    }

    @Test
    void putMayKeepTheStoredTokenByItsIdOrDropIt() throws Exception {
        call("POST", "/trackers/", tracker("a.b", ",\"token\":\"kept\""));

        call("PUT", "/trackers/a.b", "{\"repo\":\"acme/app\",\"sourcePath\":\"f.yaml\",\"credentialsId\":\"fathomable-a.b\"}");
        assertThat(secrets.reveal("fathomable-a.b")).isEqualTo("kept");

        call("PUT", "/trackers/a.b", tracker("a.b", ",\"credentialsId\":\"jenkins-gh\""));
        assertThat(secrets.values).doesNotContainKey("fathomable-a.b");
        assertThat(repository.get(TrackerId.parse("a.b")).orElseThrow().credentialsId()).isEqualTo("jenkins-gh");
    }

    @Test
    void putWithAnotherIdInTheBodyIs400AndChangesNothing() throws Exception {
        call("POST", "/trackers/", tracker("a.b", ",\"token\":\"kept\""));

        ApiResponse r = call("PUT", "/trackers/a.b", tracker("a.c", ",\"token\":\"other\",\"tag\":\"v9\""));

        assertError(r, 400, "invalid_field", "id");
        assertThat(body(r).path("message").asText()).contains("must match the tracker in the path");
        assertThat(secrets.reveal("fathomable-a.b")).isEqualTo("kept");
        assertThat(repository.get(TrackerId.parse("a.b")).orElseThrow().ref().value()).isNull();
    }

    @Test
    void putOfAnUnknownTrackerIs404AndStoresNoToken() throws Exception {
        assertError(call("PUT", "/trackers/a.b", tracker("a.b", ",\"token\":\"t\"")), 404, "tracker_not_found", null);
        assertThat(secrets.values).isEmpty();
        assertThat(repository.list()).isEmpty();
    }

    @Test
    void deleteRemovesTrackerAndToken() throws Exception {
        call("POST", "/trackers/", tracker("a.b", ",\"token\":\"t\""));

        ApiResponse r = call("DELETE", "/trackers/a.b", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(body(r).path("deleted").asText()).isEqualTo("a.b");
        assertThat(body(r).path("message").asText()).contains("objects already deployed stay");
        assertThat(secrets.values).isEmpty();
        assertError(call("GET", "/trackers/a.b", null), 404, "tracker_not_found", null);
        assertError(call("DELETE", "/trackers/a.b", null), 404, "tracker_not_found", null);
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        ApiResponse r = call("PATCH", "/trackers/", "{}");
        assertError(r, 405, "method_not_allowed", null);
        assertThat(r.header("Allow")).isEqualTo("GET, POST");
        ApiResponse item = call("POST", "/trackers/a.b", tracker("a.b", ""));
        assertError(item, 405, "method_not_allowed", null);
        assertThat(item.header("Allow")).isEqualTo("GET, PUT, DELETE");
        assertThat(repository.list()).isEmpty();
    }

    @Test
    void bodyOver64KiBIs413() throws Exception {
        String padding = " ".repeat(TrackerApi.MAX_BODY_BYTES);
        assertError(call("POST", "/trackers/", tracker("a.b", "") + padding), 413, "payload_too_large", null);
        String exactly = tracker("a.b", "");
        exactly = exactly + " ".repeat(TrackerApi.MAX_BODY_BYTES - exactly.length());
        assertThat(call("POST", "/trackers/", exactly).status()).isEqualTo(201);
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws Exception {
        byte[] body = tracker("a.b", "").getBytes(StandardCharsets.UTF_8);
        ApiResponse none = api.handle(new ApiRequest("POST", "/trackers/", Map.of(), body, ADMIN));
        assertError(none, 415, "unsupported_media_type", null);
        ApiResponse text = api.handle(new ApiRequest("PUT", "/trackers/a.b",
                Map.of("Content-Type", List.of("text/plain")), body, ADMIN));
        assertError(text, 415, "unsupported_media_type", null);
        ApiResponse withCharset = api.handle(new ApiRequest("POST", "/trackers/",
                Map.of("CONTENT-TYPE", List.of("application/json; charset=UTF-8")), body, ADMIN));
        assertThat(withCharset.status()).isEqualTo(201);
    }

    @Test
    void unknownFieldsAreRejectedByName() throws Exception {
        ApiResponse r = call("POST", "/trackers/", tracker("a.b", ",\"tokn\":\"" + TOKEN + "\""));
        assertError(r, 400, "unknown_field", "tokn");
        assertThat(r.bodyText()).doesNotContain(TOKEN);
        assertThat(repository.list()).isEmpty();
    }

    @Test
    void malformedJsonIs400WithoutQuotingTheBody() throws Exception {
        ApiResponse r = call("POST", "/trackers/", "{\"id\":\"a.b\",\"token\": " + TOKEN + "}");
        assertError(r, 400, "invalid_json", null);
        assertThat(r.bodyText()).doesNotContain(TOKEN).contains("line 1");
        assertError(call("POST", "/trackers/", ""), 400, "invalid_body", null);
        assertError(call("POST", "/trackers/", "null"), 400, "invalid_body", null);
        assertError(call("POST", "/trackers/", "[1]"), 400, "invalid_body", null);
        assertError(call("POST", "/trackers/", tracker("a.b", "") + "{}"), 400, "invalid_body", null);
        assertError(call("POST", "/trackers/", "{\"id\":\"a.b\",\"id\":\"a.c\"}"), 400, "invalid_json", null);
        assertThat(secrets.values).isEmpty();
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() throws Exception {
        assertError(call("POST", "/trackers/", tracker("a.b", ",\"tag\":5")), 400, "invalid_field", "tag");
        assertError(call("POST", "/trackers/", tracker("a.b", ",\"token\":[\"x\"]")), 400, "invalid_field", "token");
        assertError(call("POST", "/trackers/", tracker("a.b", ",\"branch\":{}")), 400, "invalid_field", "branch");
    }

    @Test
    void everyFieldErrorIsReportedAtOnce() throws Exception {
        ApiResponse r = call("POST", "/trackers/",
                "{\"id\":\"Bad\",\"repo\":\"nope\",\"sourcePath\":\"/abs\",\"tag\":\"v1\",\"branch\":\"b\",\"token\":\" \"}");
        assertError(r, 400, "invalid_field", "token");
        assertThat(body(r).path("errors").findValuesAsText("field"))
                .containsExactly("token", "id", "repo", "sourcePath", "tag");
        assertThat(repository.list()).isEmpty();
    }

    @Test
    void tokenAndCredentialsIdTogetherOrAReservedIdAreRejected() throws Exception {
        assertError(call("POST", "/trackers/", tracker("a.b", ",\"token\":\"t\",\"credentialsId\":\"c\"")),
                400, "invalid_field", "token");
        assertError(call("POST", "/trackers/", tracker("a.b", ",\"credentialsId\":\"fathomable-x.y\"")),
                400, "invalid_field", "credentialsId");
        assertThat(secrets.values).isEmpty();
    }

    @Test
    void permissionsDecide401And403() throws Exception {
        call("POST", "/trackers/", tracker("a.b", ""));
        assertError(call("GET", "/trackers/", null, Caller.anonymous()), 401, "unauthorized", null);
        assertError(call("DELETE", "/trackers/a.b", null, Caller.anonymous()), 401, "unauthorized", null);
        Caller reader = Caller.authenticated("alice", Permission.READ);
        assertThat(call("GET", "/trackers/a.b", null, reader).status()).isEqualTo(200);
        assertError(call("DELETE", "/trackers/a.b", null, reader), 403, "forbidden", null);
        assertError(call("POST", "/trackers/", tracker("c.d", ""), reader), 403, "forbidden", null);
        assertThat(call("GET", "/trackers/", null, Caller.anonymous(Permission.READ)).status()).isEqualTo(200);
        assertError(call("PUT", "/trackers/a.b", tracker("a.b", ""), Caller.anonymous(Permission.READ)),
                401, "unauthorized", null);
        assertThat(repository.list()).extracting(t -> t.id().toString()).containsExactly("a.b");
    }

    @Test
    void anUnexpectedFailureIs500WithoutDetailAndIsReported() throws Exception {
        TrackerRepository broken = new InMemoryTrackerRepository() {
            @Override
            public java.util.List<io.jenkins.plugins.fathomable.core.tracker.Tracker> list() {
                throw new IllegalStateException("disk on fire " + TOKEN);
            }
        };
        TrackerApi failing = new TrackerApi(new DefaultTrackerService(broken, secrets, new FakeIngestor(),
                StatusProvider.none(), Clock.systemUTC()), unexpected::add);
        ApiResponse r = failing.handle(new ApiRequest("GET", "/trackers/", Map.of(), null, ADMIN));
        assertError(r, 500, "internal_error", null);
        assertThat(r.bodyText()).doesNotContain("disk on fire");
        assertThat(unexpected).singleElement().extracting(Throwable::getMessage).asString().startsWith("disk on fire");
    }
}
