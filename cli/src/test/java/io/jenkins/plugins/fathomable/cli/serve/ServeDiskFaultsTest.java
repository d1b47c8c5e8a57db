package io.jenkins.plugins.fathomable.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.testing.UnwritableDir;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 3, with real unwritable directories: a PUT or DELETE that cannot be stored answers 503 with the
 * reason and changes nothing, neither the tracker nor its stored token. Before: 500, with the tracker changed or
 * gone and the token left behind.
 */
class ServeDiskFaultsTest {

    private static final String ADMIN = "admin-token-for-disk-faults-0123";
    private static final String GITHUB_TOKEN = "ghp_DiskFaultsToken0123456789abcdef";

    @TempDir
    Path stateDir;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private ServeApp app;

    @BeforeEach
    void start() {
        app = ServeApp.start(new ServeSettings("127.0.0.1", 0, stateDir, ServeSettings.DEFAULT_GITHUB_API,
                Duration.ofHours(1), false, ServeSettings.DEFAULT_ENVIRONMENTS, List.of(), true)
                .withAnswerWithin(Duration.ofSeconds(60)), TestEngine::new, Optional.of(ADMIN), line -> { },
                Clock.systemUTC(), new SecureRandom());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.baseUri().resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, String> trackerFiles() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (var all = Files.list(stateDir.resolve(ServeApp.TRACKERS_DIR))) {
            for (Path f : all.toList()) {
                files.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        return files;
    }

    private Optional<String> storedToken() {
        return new FileSecretStore(stateDir, new SecureRandom()).lookup("fathomable-team.app")
                .map(c -> ((Credential.Token) c).token().reveal());
    }

    private void created() throws Exception {
        HttpResponse<String> r = send("POST", "/trackers/", "{\"id\":\"team.app\",\"repo\":\"acme/app\","
                + "\"sourcePath\":\"f.yaml\",\"branch\":\"main\",\"token\":\"" + GITHUB_TOKEN + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private void assertStorageFailed(HttpResponse<String> r, String file) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        JsonNode body = json.readTree(r.body());
        assertThat(body.path("error").asText()).isEqualTo("storage_failed");
        assertThat(body.path("message").asText()).startsWith("the change could not be stored, so nothing was changed:")
                .contains(file);
        assertThat(r.body()).doesNotContain(GITHUB_TOKEN);
    }

    @Test
    void withTheStateDirectoryUnwritableAPutOrDeleteChangesNothing() throws Exception {
        created();
        Map<String, String> before = trackerFiles();
        try (UnwritableDir ignored = UnwritableDir.of(stateDir)) {
            // anonymous from now on: the stored token must go, and secrets.json cannot be rewritten
            assertStorageFailed(send("PUT", "/trackers/team.app",
                    "{\"repo\":\"acme/app\",\"sourcePath\":\"f.yaml\",\"branch\":\"other\"}"), "secrets.json");
            assertStorageFailed(send("DELETE", "/trackers/team.app", null), "secrets.json");
            assertThat(send("GET", "/trackers/team.app", null).body()).contains("\"branch\":\"main\"");
        }
        assertThat(trackerFiles()).isEqualTo(before);
        assertThat(storedToken()).contains(GITHUB_TOKEN);
    }

    @Test
    void withTheTrackerDirectoryUnwritableTheTokenIsPutBack() throws Exception {
        created();
        Map<String, String> before = trackerFiles();
        try (UnwritableDir ignored = UnwritableDir.of(stateDir.resolve(ServeApp.TRACKERS_DIR))) {
            assertStorageFailed(send("PUT", "/trackers/team.app", "{\"repo\":\"acme/app\",\"sourcePath\":\"f.yaml\","
                    + "\"branch\":\"other\",\"token\":\"ghp_replacement\"}"), "team.app.json");
            assertStorageFailed(send("PUT", "/trackers/team.app",
                    "{\"repo\":\"acme/app\",\"sourcePath\":\"f.yaml\",\"branch\":\"other\"}"), "team.app.json");
            assertStorageFailed(send("DELETE", "/trackers/team.app", null), "team.app.json");
        }
        assertThat(trackerFiles()).isEqualTo(before);
        assertThat(storedToken()).contains(GITHUB_TOKEN);
    }
}
