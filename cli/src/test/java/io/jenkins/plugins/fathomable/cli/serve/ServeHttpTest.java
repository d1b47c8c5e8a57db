package io.jenkins.plugins.fathomable.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} over real HTTP on a free 127.0.0.1 port, with a test engine. */
class ServeHttpTest {

    static final String GITHUB_TOKEN = "ghp_ServeTestToken0123456789abcdef";
    static final String ADMIN_TOKEN = "admin-token-for-tests-0123456789";

    @TempDir
    Path stateDir;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private ServeApp app;

    @BeforeEach
    void start() {
        app = start(false);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private ServeApp start(boolean openReads) {
        ServeSettings settings = new ServeSettings("127.0.0.1", 0, stateDir, ServeSettings.DEFAULT_GITHUB_API,
                Duration.ofHours(1), openReads, ServeSettings.DEFAULT_ENVIRONMENTS, List.of(), true)
                .withAnswerWithin(Duration.ofSeconds(60)); // these tests check complete answers
        return ServeApp.start(settings, TestEngine::new, Optional.of(ADMIN_TOKEN), log::add, Clock.systemUTC(),
                new SecureRandom());
    }

    private HttpResponse<String> send(String method, String path, String body, String token, String contentType)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<String> r = http.send(b.build(), BodyHandlers.ofString());
        bodies.add(r.body());
        return r;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, ADMIN_TOKEN, body == null ? null : "application/json");
    }

    private JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    private static String tracker(String id, String extra) {
        return "{\"id\":\"" + id + "\",\"repo\":\"acme/app\",\"sourcePath\":\"deploy/fathomable.yaml\"" + extra + "}";
    }

    private static String withToken(String id) {
        return tracker(id, ",\"token\":\"" + GITHUB_TOKEN + "\"");
    }

    @Test
    void everyRouteWorksOverHttp() throws Exception {
        HttpResponse<String> created = send("POST", "/trackers/", withToken("team.app"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/trackers/team.app");
        assertThat(created.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(body(created).path("status").path("state").asText()).as("the ingest found the stored token").isEqualTo("OK");
        assertThat(body(created).path("validation").path("valid").asBoolean()).isTrue();

        HttpResponse<String> one = send("GET", "/trackers/team.app", null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(body(one).path("status").path("blobSha").asText()).isEqualTo("blob-sha-of-default");
        assertThat(body(one).path("releases").path("dev").path("queue").get(0).asText()).isEqualTo("1.0.1");

        HttpResponse<String> list = send("GET", "/trackers/", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(body(list).path("trackers").findValuesAsText("id")).containsExactly("team.app");

        HttpResponse<String> replaced = send("PUT", "/trackers/team.app", tracker("team.app", ",\"branch\":\"release\""));
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(body(replaced).path("branch").asText()).isEqualTo("release");
        assertThat(body(replaced).has("credentialsId")).as("no token, no credentials id: anonymous").isFalse();

        HttpResponse<String> deleted = send("DELETE", "/trackers/team.app", null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(send("GET", "/trackers/team.app", null).statusCode()).isEqualTo(404);
        assertThat(body(send("GET", "/trackers/", null)).path("trackers")).isEmpty();
    }

    @Test
    void aTrackerWithAnInvalidFileIsCreatedWithItsErrors() throws Exception {
        HttpResponse<String> r = send("POST", "/trackers/", "{\"id\":\"a.b\",\"repo\":\"acme/app\",\"sourcePath\":\"invalid.yaml\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode error = body(r).path("validation").path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("spec.pattern");
        assertThat(error.path("line").asInt()).isEqualTo(6);
        assertThat(error.path("column").asInt()).isEqualTo(12);
        assertThat(body(send("GET", "/trackers/a.b", null)).path("status").path("state").asText()).isEqualTo("INVALID_CONFIG");
    }

    @Test
    void everyErrorOverHttp() throws Exception {
        send("POST", "/trackers/", withToken("a.b"));
        expect(send("POST", "/trackers/", withToken("a.b")), 409, "tracker_exists");
        expect(send("GET", "/trackers/x.y", null), 404, "tracker_not_found");
        expect(send("PUT", "/trackers/x.y", tracker("x.y", "")), 404, "tracker_not_found");
        expect(send("DELETE", "/trackers/x.y", null), 404, "tracker_not_found");
        expect(send("GET", "/nothing-here", null), 404, "not_found");
        HttpResponse<String> patch = send("PATCH", "/trackers/a.b", "{}");
        expect(patch, 405, "method_not_allowed");
        assertThat(patch.headers().firstValue("Allow")).contains("GET, PUT, DELETE");
        HttpResponse<String> putAll = send("PUT", "/trackers/", "{}");
        expect(putAll, 405, "method_not_allowed");
        assertThat(putAll.headers().firstValue("Allow")).contains("GET, POST");
        expect(send("POST", "/trackers/", tracker("big.one", ",\"tag\":\"" + "x".repeat(70 * 1024) + "\"")),
                413, "payload_too_large");
        expect(send("POST", "/trackers/", tracker("c.d", ""), ADMIN_TOKEN, "text/plain"), 415, "unsupported_media_type");
        expect(send("POST", "/trackers/", tracker("c.d", ""), ADMIN_TOKEN, null), 415, "unsupported_media_type");
        HttpResponse<String> unknown = send("POST", "/trackers/", tracker("c.d", ",\"secret\":\"x\""));
        expect(unknown, 400, "unknown_field");
        assertThat(body(unknown).path("field").asText()).isEqualTo("secret");
        HttpResponse<String> mismatch = send("PUT", "/trackers/a.b", withToken("a.c"));
        expect(mismatch, 400, "invalid_field");
        assertThat(body(mismatch).path("field").asText()).isEqualTo("id");
        HttpResponse<String> invalid = send("POST", "/trackers/", "{\"id\":\"c.d\",\"repo\":\"x\",\"sourcePath\":\"../up\"}");
        expect(invalid, 400, "invalid_field");
        assertThat(body(invalid).path("errors").findValuesAsText("field")).containsExactly("repo", "sourcePath");
        expect(send("POST", "/trackers/", "{\"id\": \"c.d\", \"token\": " + GITHUB_TOKEN + "}"), 400, "invalid_json");

        // none of the failed requests changed anything
        JsonNode list = body(send("GET", "/trackers/", null)).path("trackers");
        assertThat(list.findValuesAsText("id")).containsExactly("a.b");
        assertThat(list.get(0).has("tag")).isFalse();
        assertThat(list.get(0).path("credentialsId").asText()).isEqualTo("fathomable-a.b");
    }

    private void expect(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(body(r).path("error").asText()).isEqualTo(code);
        assertThat(body(r).path("message").asText()).isNotBlank();
    }

    @Test
    void withoutTheAdminTokenEveryRouteIs401() throws Exception {
        send("POST", "/trackers/", withToken("a.b"));
        for (String token : new String[] {null, "wrong-token"}) {
            for (String[] call : new String[][] {{"GET", "/trackers/"}, {"GET", "/trackers/a.b"}, {"POST", "/trackers/"},
                    {"PUT", "/trackers/a.b"}, {"DELETE", "/trackers/a.b"}}) {
                String body = call[0].equals("POST") || call[0].equals("PUT") ? tracker("a.b", "") : null;
                HttpResponse<String> r = send(call[0], call[1], body, token, "application/json");
                assertThat(r.statusCode()).as(call[0] + " " + call[1] + " with " + token).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"fathomable\"");
                assertThat(body(r).path("error").asText()).isEqualTo("unauthorized");
            }
        }
        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(app.baseUri().resolve("/trackers/"))
                .header("Authorization", "Basic " + ADMIN_TOKEN).build(), BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(body(send("GET", "/trackers/a.b", null)).path("credentialsId").asText()).isEqualTo("fathomable-a.b");
    }

    @Test
    void openReadsLetGetsThroughButNotWrites() throws Exception {
        send("POST", "/trackers/", withToken("a.b"));
        app.close();
        app = start(true);
        assertThat(send("GET", "/trackers/", null, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/trackers/a.b", null, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/trackers/a.b", null, "wrong", null).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/trackers/a.b", null, null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/trackers/", tracker("c.d", ""), null, "application/json").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/trackers/a.b", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theTokenNeverAppearsInResponsesLogsOrStateFilesInPlainText() throws Exception {
        send("POST", "/trackers/", withToken("a.b"));
        send("PUT", "/trackers/a.b", tracker("a.b", ",\"token\":\"" + GITHUB_TOKEN + "2\""));
        send("GET", "/trackers/a.b", null);
        send("GET", "/trackers/", null);
        send("POST", "/trackers/", withToken("a.b")); // 409
        send("POST", "/trackers/", "{\"id\":\"c.d\",\"token\":" + GITHUB_TOKEN + "}"); // malformed
        send("POST", "/trackers/", tracker("c.d", ",\"unknown\":\"" + GITHUB_TOKEN + "\""));
        send("POST", "/trackers/", withToken("c.d"), ADMIN_TOKEN, "text/plain");
        send("DELETE", "/trackers/a.b", null);
        app.close();

        assertThat(bodies).hasSizeGreaterThanOrEqualTo(9).noneMatch(b -> b.contains(GITHUB_TOKEN));
        assertThat(log).anyMatch(l -> l.contains("POST /trackers/ -> 201"));
        assertThat(log).noneMatch(l -> l.contains(GITHUB_TOKEN)).noneMatch(l -> l.contains(ADMIN_TOKEN));
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.toString()).doesNotContain(GITHUB_TOKEN).doesNotContain(ADMIN_TOKEN);
            }
        }
    }

    @Test
    void stateFilesAreOwnerOnly() throws Exception {
        send("POST", "/trackers/", withToken("a.b"));
        for (String name : List.of(FileSecretStore.FILE, FileSecretStore.KEY_FILE, ServeApp.TRACKERS_DIR + "/a.b.json")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve(name))))
                    .as(name).isEqualTo("rw-------");
        }
    }

    @Test
    void fiftyConcurrentPutsOnOneIdLoseNothingAndNeverFail() throws Exception {
        send("POST", "/trackers/", withToken("a.b"));
        List<CompletableFuture<HttpResponse<String>>> puts = IntStream.range(0, 50)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(app.baseUri().resolve("/trackers/a.b"))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                        .PUT(BodyPublishers.ofString(tracker("a.b", ",\"branch\":\"b" + i + "\",\"token\":\"tok-" + i + "\"")))
                        .build(), BodyHandlers.ofString()))
                .toList();
        for (CompletableFuture<HttpResponse<String>> f : puts) {
            assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(200);
        }
        JsonNode now = body(send("GET", "/trackers/a.b", null));
        String branch = now.path("branch").asText();
        assertThat(branch).matches("b\\d+");
        assertThat(now.path("status").path("commitSha").asText()).as("observation of the same write").isEqualTo("sha-of-" + branch);
        // the stored token is the one sent with the winning write, on disk, after a restart
        app.close();
        app = start(false);
        Credential stored = new FileSecretStore(stateDir, new SecureRandom()).lookup("fathomable-a.b").orElseThrow();
        assertThat(((Credential.Token) stored).token().reveal()).isEqualTo("tok-" + branch.substring(1));
    }

    @Test
    void fiftyConcurrentWritesOnFiftyIdsAllLand() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> posts = IntStream.range(0, 50)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(app.baseUri().resolve("/trackers/"))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString(tracker("team.app-" + i, ",\"token\":\"t" + i + "\"")))
                        .build(), BodyHandlers.ofString()))
                .toList();
        for (CompletableFuture<HttpResponse<String>> f : posts) {
            assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(201);
        }
        List<CompletableFuture<HttpResponse<String>>> puts = IntStream.range(0, 50)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(app.baseUri().resolve("/trackers/team.app-" + i))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                        .PUT(BodyPublishers.ofString(tracker("team.app-" + i, ",\"tag\":\"v" + i + "\",\"credentialsId\":\"fathomable-team.app-" + i + "\"")))
                        .build(), BodyHandlers.ofString()))
                .toList();
        for (CompletableFuture<HttpResponse<String>> f : puts) {
            assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(200);
        }
        JsonNode list = body(send("GET", "/trackers/", null)).path("trackers");
        assertThat(list).hasSize(50);
        for (JsonNode t : list) {
            String n = t.path("id").asText().substring("team.app-".length());
            assertThat(t.path("tag").asText()).isEqualTo("v" + n);
            assertThat(t.path("status").path("state").asText()).as("token kept by its id").isEqualTo("OK");
        }
    }

    @Test
    void aRestartOnTheSameStateDirectoryKeepsTrackersStatusAndTokens() throws Exception {
        send("POST", "/trackers/", withToken("a.b"));
        send("POST", "/trackers/", tracker("c.d", ",\"tag\":\"v2\""));
        String before = body(send("GET", "/trackers/", null)).toString();
        app.close();

        app = start(false);
        assertThat(body(send("GET", "/trackers/", null)).toString()).isEqualTo(before);
        JsonNode ab = body(send("GET", "/trackers/a.b", null));
        assertThat(ab.path("status").path("commitSha").asText()).isEqualTo("sha-of-default");
        assertThat(ab.path("status").path("image").path("digest").asText()).isEqualTo("sha256:feed");
        // the token survived too: a replace that keeps it by id still authenticates
        JsonNode kept = body(send("PUT", "/trackers/a.b", tracker("a.b", ",\"credentialsId\":\"fathomable-a.b\"")));
        assertThat(kept.path("status").path("state").asText()).isEqualTo("OK");
    }

    @Test
    void theLogSaysWhereItListensOneLineEach() {
        assertThat(log).anyMatch(l -> l.equals("serve: listening on " + app.baseUri() + "trackers/ (admin token required)"));
        assertThat(log).contains("engine: test engine", "serve: polling every 1h");
        assertThat(log).allMatch(l -> !l.contains("\n"));
        assertThat(app.port()).isPositive().isNotEqualTo(8080);
        assertThat(app.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + app.port() + "/"));
    }
}
