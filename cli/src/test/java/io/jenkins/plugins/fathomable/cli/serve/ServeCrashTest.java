package io.jenkins.plugins.fathomable.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.fathomable.cli.Main;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robustness suite's crash rounds (issue 13): a real {@code fathomable serve} process (its real engine, GitHub
 * unreachable so every ingest fails fast) takes concurrent creates and replaces with tokens from four writers and is
 * killed with SIGKILL in the middle. Every write it acknowledged (201/200) must be there after the restart, tracker
 * and token alike, and the restart must find the directory unlocked and no unfinished writes left. Rounds:
 * {@code -Dfathomable.crash.rounds=N} (default 5).
 */
class ServeCrashTest {

    static final String ADMIN = "admin-token-for-crash-rounds-0123";
    static final int ROUNDS = Integer.getInteger("fathomable.crash.rounds", 5);
    private static final Pattern LISTENING = Pattern.compile("serve: listening on (http://\\S+/)trackers/");

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** What was acknowledged: tracker id to the branch and token of its last acknowledged write. */
    private final Map<String, String[]> acknowledged = new ConcurrentHashMap<>();

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        Path state = dir.resolve("state");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        int totalAcked = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            Process serve = startServe(state, closedPort);
            try {
                URI base = awaitListening(serve);
                totalAcked += writeUntilKilled(serve, base, round);
            } finally {
                serve.destroyForcibly();
                serve.waitFor(30, TimeUnit.SECONDS);
            }
            verify(state, round);
        }
        System.out.println("ServeCrashTest: " + ROUNDS + " kill -9 rounds, " + totalAcked
                + " acknowledged writes, all found after each restart");
        assertThat(totalAcked).as("writes were acknowledged before each kill").isGreaterThanOrEqualTo(ROUNDS * 8);
    }

    private Process startServe(Path state, int closedGitHubPort) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0", "--state-dir",
                state.toString(), "--render-only", "--poll-interval", "1h", "--github-api-url",
                "http://127.0.0.1:" + closedGitHubPort);
        pb.environment().put(AdminToken.ENV, ADMIN);
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static URI awaitListening(Process serve) throws Exception {
        CompletableFuture<URI> base = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = r.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        base.complete(URI.create(m.group(1)));
                    }
                }
                base.completeExceptionally(new IllegalStateException("serve ended before listening:\n" + seen));
            } catch (java.io.IOException e) {
                base.completeExceptionally(e);
            }
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        return base.get(120, TimeUnit.SECONDS);
    }

    /** Four writers create and replace trackers until the process is killed after a random number of acks. */
    private int writeUntilKilled(Process serve, URI base, int round) throws Exception {
        AtomicInteger acks = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        int killAfter = 8 + new SecureRandom().nextInt(25);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; !killed.get(); i++) {
                        String id = "r" + round + ".w" + writer + "-" + (i % 5);
                        String branch = "b" + i;
                        String token = "ghp_" + round + "x" + writer + "x" + i;
                        boolean create = !acknowledged.containsKey(id) && i < 5;
                        try {
                            int status = write(base, create ? "POST" : "PUT", id, branch, token);
                            if (status == 201 || status == 200) {
                                acknowledged.put(id, new String[] {branch, token});
                                if (acks.incrementAndGet() == killAfter && killed.compareAndSet(false, true)) {
                                    serve.destroyForcibly(); // SIGKILL, with requests of the other writers in flight
                                }
                            }
                        } catch (java.io.IOException | InterruptedException e) {
                            return null; // the process is gone
                        }
                    }
                    return null;
                });
            }
            writers.shutdown();
            assertThat(writers.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            writers.shutdownNow();
        }
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return acks.get();
    }

    private int write(URI base, String method, String id, String branch, String token) throws Exception {
        String body = "{\"id\":\"" + id + "\",\"repo\":\"acme/app\",\"sourcePath\":\"f.yaml\",\"branch\":\"" + branch
                + "\",\"token\":\"" + token + "\"}";
        URI uri = method.equals("POST") ? base.resolve("trackers/") : base.resolve("trackers/" + id);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Restarts on the same directory (the lock must be free) and finds every acknowledged write. */
    private void verify(Path state, int round) throws Exception {
        ServeApp app = ServeApp.start(new ServeSettings("127.0.0.1", 0, state, ServeSettings.DEFAULT_GITHUB_API,
                Duration.ofHours(1), false, ServeSettings.DEFAULT_ENVIRONMENTS, List.of(), true), TestEngine::new,
                Optional.of(ADMIN), line -> { }, Clock.systemUTC(), new SecureRandom());
        try {
            FileSecretStore secrets = new FileSecretStore(state, new SecureRandom());
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, String[]> e : acknowledged.entrySet()) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.baseUri().resolve("/trackers/" + e.getKey()))
                        .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode tracker = r.statusCode() == 200 ? json.readTree(r.body()) : null;
                Optional<Credential> token = secrets.lookup("fathomable-" + e.getKey());
                // a write in flight at the kill may have landed too: the stored one is the last acked or newer
                boolean found = tracker != null && branchNumber(tracker.path("branch").asText())
                        >= branchNumber(e.getValue()[0]) && token.isPresent();
                if (!found) {
                    missing.add(e.getKey() + " (" + r.statusCode() + ")");
                }
            }
            assertThat(missing).as("acknowledged writes missing after kill -9 round " + round).isEmpty();
        } finally {
            app.close();
        }
        try (var files = Files.walk(state)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList())
                    .as("unfinished writes are cleaned up on start").isEmpty();
        }
    }

    private static int branchNumber(String branch) {
        return Integer.parseInt(branch.substring(1));
    }
}
