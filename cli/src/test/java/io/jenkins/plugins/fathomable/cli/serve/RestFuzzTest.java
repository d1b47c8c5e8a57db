package io.jenkins.plugins.fathomable.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The robustness suite's REST fuzzing (issue 13): malformed requests against a running {@code serve} over real HTTP
 * (and, for requests no HTTP client would send, raw sockets). Each is made malformed on purpose (bad JSON, hostile
 * field values, wrong types, unknown or duplicate fields, missing or wrong credentials, wrong media types, oversized
 * bodies, bad paths and methods, broken HTTP), so each must be refused with a 4xx, leave the state directory byte
 * for byte as it was, and cost bounded time and memory. 1,000 requests per run from a fixed seed;
 * {@code -Djqwik.tries.default=N} sends more.
 */
class RestFuzzTest {

    static final String ADMIN = "admin-token-for-fuzzing-0123456789";
    static final String TOKEN = "ghp_FuzzStoredToken0123456789abcdef";
    static final long MAX_ALLOCATED = 128L * 1024 * 1024;
    static final long MAX_NANOS = 60_000_000_000L;
    static final AtomicInteger REQUESTS = new AtomicInteger();
    static final int RAW_REQUESTS = 12;
    static final int UNSUPPORTED_VERSION = 1;

    private static Path stateDir;
    private static ServeApp app;
    private static HttpClient http;
    private static Map<String, String> initialState;

    @BeforeContainer
    static void start() throws Exception {
        stateDir = Files.createTempDirectory("fathomable-fuzz");
        app = ServeApp.start(new ServeSettings("127.0.0.1", 0, stateDir, ServeSettings.DEFAULT_GITHUB_API,
                Duration.ofHours(1), false, ServeSettings.DEFAULT_ENVIRONMENTS, List.of(), true)
                .withAnswerWithin(Duration.ofSeconds(60)), TestEngine::new, Optional.of(ADMIN), line -> { },
                Clock.systemUTC(), new SecureRandom());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.baseUri().resolve("/trackers/"))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(valid("team.app", ",\"token\":\"" + TOKEN + "\""))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        initialState = snapshot();
    }

    @AfterContainer
    static void stop() throws Exception {
        app.close();
        System.out.println("RestFuzzTest: " + REQUESTS.get() + " malformed requests refused");
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String valid(String id, String extra) {
        return "{\"id\":\"" + id + "\",\"repo\":\"acme/app\",\"sourcePath\":\"deploy/fathomable.yaml\",\"branch\":\"main\""
                + extra + "}";
    }

    /** Every state file, by relative path: a rejected request must leave each byte as it was. */
    static Map<String, String> snapshot() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (var all = Files.walk(stateDir)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files.put(stateDir.relativize(f).toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    enum Kind {
        NOT_JSON, NOT_AN_OBJECT, HOSTILE_BRANCH, HOSTILE_TAG, HOSTILE_SOURCE_PATH, HOSTILE_REPO, HOSTILE_ID, BAD_COMMIT,
        WRONG_TYPE, UNKNOWN_FIELD, DUPLICATE_FIELD, TOKEN_AND_CREDENTIALS, RESERVED_CREDENTIALS, ID_MISMATCH,
        NO_AUTH, WRONG_AUTH, WRONG_MEDIA_TYPE, TOO_LARGE, BAD_PATH, BAD_METHOD, EXISTING_ID, UNKNOWN_TRACKER,
        RAW_HTTP
    }

    /** Refs Git refuses as a whole. */
    static final List<String> WHOLE = List.of("../../../user", "main?x=1", "-main", "@{1}", "@", ".x", "x.lock",
            "trailing/", "/leading", "ends.", "a//b", "x".repeat(256));
    /** Pieces that make any ref invalid wherever they appear. */
    static final List<String> ANYWHERE = List.of(" ", "\u0000", "\r\nX: 1", "..", "@{", "~", "^", ":", "?", "*", "[",
            "\\", "\u007f", "\u001b[31m", "//", "\t");

    /** One malformed request; {@code n} and {@code text} vary it. */
    record Bad(Kind kind, int n, String text) {

        @Override
        public String toString() {
            return kind + " #" + n + " '" + text.replace("\r", "\\r").replace("\n", "\\n") + "'";
        }
    }

    @Provide
    Arbitrary<Bad> bad() {
        return Combinators.combine(Arbitraries.of(Kind.values()), Arbitraries.integers().between(0, 1_000_000),
                Arbitraries.strings().ofMaxLength(40)).as(Bad::new);
    }

    @Property(seed = "20261207", shrinking = ShrinkingMode.OFF)
    void everyMalformedRequestIsRefusedWithA4xxAndChangesNothing(@ForAll("bad") Bad bad) throws Exception {
        long started = System.nanoTime();
        long before = allocatedByAllThreads();
        int status = send(bad);
        long allocated = allocatedByAllThreads() - before;
        long nanos = System.nanoTime() - started;
        REQUESTS.incrementAndGet();

        if (bad.kind() == Kind.RAW_HTTP && bad.n() % RAW_REQUESTS == UNSUPPORTED_VERSION) {
            // HTTP's own answer to a version it does not speak; the only refusal outside 4xx
            assertThat(status).as(bad.toString()).isEqualTo(505);
        } else {
            assertThat(status).as(bad + " is refused as the client's mistake").isBetween(400, 499);
        }
        assertThat(snapshot()).as(bad + " changes nothing").isEqualTo(initialState);
        assertThat(nanos).as(bad + ": nanoseconds").isLessThan(MAX_NANOS);
        assertThat(allocated).as(bad + ": bytes allocated by the whole process").isLessThan(MAX_ALLOCATED);
    }

    private static String hostile(Bad b) {
        return b.n() % 2 == 0 ? WHOLE.get(b.n() / 2 % WHOLE.size())
                : b.text() + ANYWHERE.get(b.n() / 2 % ANYWHERE.size()) + b.text();
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static int send(Bad b) throws Exception {
        String id = "fz.t" + (b.n() % 1000);
        return switch (b.kind()) {
            case NOT_JSON -> post("/trackers/", List.of("{", "{\"id\":", "nul", "{'id':'a.b'}", "[", "\"x", "{}}",
                    "\u0000\u0001", b.text() + "{").get(b.n() % 9), "application/json", ADMIN);
            case NOT_AN_OBJECT -> post("/trackers/", List.of("null", "[]", "42", "\"a.b\"", "true", "[{}]")
                    .get(b.n() % 6), "application/json", ADMIN);
            case HOSTILE_BRANCH -> post("/trackers/", valid(id, "").replace("\"branch\":\"main\"",
                    "\"branch\":" + json(hostile(b))), "application/json", ADMIN);
            case HOSTILE_TAG -> post("/trackers/", valid(id, "").replace("\"branch\":\"main\"",
                    "\"tag\":" + json(hostile(b))), "application/json", ADMIN);
            case HOSTILE_SOURCE_PATH -> post("/trackers/", valid(id, "").replace("\"deploy/fathomable.yaml\"",
                    json(List.of("../x.yaml", "/etc/passwd", "a//b", "./f", "f\u0000", "a\\b", "x".repeat(2000),
                            "d/" + "y".repeat(300), "a/\n/b").get(b.n() % 9))), "application/json", ADMIN);
            case HOSTILE_REPO -> post("/trackers/", valid(id, "").replace("\"acme/app\"", json(List.of("acme",
                    "a/b/c", "-a/b", "a/..", "a/" + "r".repeat(200), "../x", "a b/c", "").get(b.n() % 8) + b.text()
                    .replaceAll("[A-Za-z0-9._-]", ""))), "application/json", ADMIN);
            case HOSTILE_ID -> post("/trackers/", valid(List.of("Upper.case", "nodot", "a.b.c", ".x", "x.", "a_b.c",
                    "a." + "n".repeat(70), "-a.b").get(b.n() % 8), ""), "application/json", ADMIN);
            case BAD_COMMIT -> post("/trackers/", valid(id, "").replace("\"branch\":\"main\"", "\"commit\":"
                    + json(List.of("abc", "G".repeat(40), "A".repeat(40), "0".repeat(39), "0".repeat(41)).get(b.n() % 5))),
                    "application/json", ADMIN);
            case WRONG_TYPE -> post("/trackers/", valid(id, "").replace("\"main\"", List.of("1", "true", "[]",
                    "{}", "1.5", "[\"main\"]").get(b.n() % 6)), "application/json", ADMIN);
            case UNKNOWN_FIELD -> post("/trackers/", valid(id, ",\"x" + Math.abs(b.text().hashCode()) + "\":1"),
                    "application/json", ADMIN);
            case DUPLICATE_FIELD -> post("/trackers/", valid(id, ",\"repo\":\"acme/other\""), "application/json", ADMIN);
            case TOKEN_AND_CREDENTIALS -> post("/trackers/", valid(id, ",\"token\":\"t\",\"credentialsId\":\"c\""),
                    "application/json", ADMIN);
            case RESERVED_CREDENTIALS -> post("/trackers/", valid(id, ",\"credentialsId\":\"fathomable-team.app\""),
                    "application/json", ADMIN);
            case ID_MISMATCH -> put("/trackers/team.app", valid("team.other", ",\"token\":\"ghp_x\""), ADMIN);
            case NO_AUTH -> b.n() % 2 == 0 ? post("/trackers/", valid(id, ""), "application/json", null)
                    : request("DELETE", "/trackers/team.app", null, null, null);
            case WRONG_AUTH -> b.n() % 2 == 0 ? put("/trackers/team.app", valid("team.app", ""), List.of("wrong",
                    ADMIN + "x", "Bearer", "", "\u00e9").get(b.n() % 5))
                    : rawAuth(List.of("Basic YWRtaW46YWRtaW4=", "Token " + ADMIN, "Bearer  ", "bearer" + ADMIN)
                            .get(b.n() % 4));
            case WRONG_MEDIA_TYPE -> post("/trackers/", valid(id, ""), List.of("text/plain", "application/xml",
                    "application/x-www-form-urlencoded", "multipart/form-data", "json", "").get(b.n() % 6), ADMIN);
            case TOO_LARGE -> post("/trackers/", valid(id, ",\"credentialsId\":\"" + "c".repeat(70_000 + b.n() % 1000)
                    + "\""), "application/json", ADMIN);
            case BAD_PATH -> request(b.n() % 2 == 0 ? "GET" : "PUT", List.of("/trackers/a.b/c", "/trackers/UPPER.x",
                    "/x", "/trackers/%2e%2e/etc", "/trackers/a%2Fb.c", "/trackers/" + "a".repeat(3000) + ".b",
                    "/trackers//", "/trackers/%00.x", "/trackers/a.b%0a", "/.env").get(b.n() % 10),
                    valid("team.app", ""), "application/json", ADMIN);
            case BAD_METHOD -> request(List.of("PATCH", "OPTIONS", "PROPFIND", "FOO", "POST").get(b.n() % 5),
                    b.n() % 5 == 4 ? "/trackers/team.app" : "/trackers/", valid(id, ""), "application/json", ADMIN);
            case EXISTING_ID -> post("/trackers/", valid("team.app", ""), "application/json", ADMIN);
            case UNKNOWN_TRACKER -> b.n() % 2 == 0 ? put("/trackers/" + id, valid(id, ""), ADMIN)
                    : request("DELETE", "/trackers/" + id, null, null, ADMIN);
            case RAW_HTTP -> raw(b);
        };
    }

    private static int post(String path, String body, String type, String token) throws Exception {
        return request("POST", path, body, type, token);
    }

    private static int put(String path, String body, String token) throws Exception {
        return request("PUT", path, body, "application/json", token);
    }

    private static int request(String method, String path, String body, String type, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUri() + path.substring(1)))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null && !type.isEmpty()) {
            b.header("Content-Type", type);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IllegalArgumentException e) {
            // a header value no client may send (the client refused it): send the same request raw instead
            return rawRequest(method + " " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: " + type + "\r\nContent-Length: " + (body == null ? 0
                    : body.getBytes(StandardCharsets.UTF_8).length) + "\r\n\r\n" + (body == null ? "" : body));
        }
    }

    private static int rawAuth(String authorization) throws Exception {
        String body = valid("team.app", "");
        return rawRequest("PUT /trackers/team.app HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    }

    /** Requests no client library sends: broken request lines, headers and framing. */
    private static int raw(Bad b) throws Exception {
        String body = valid("fz.raw", "");
        String auth = "Authorization: Bearer " + ADMIN + "\r\n";
        List<String> requests = List.of(
                "GET\r\n\r\n",
                "GET /trackers/ HTTP/9.9\r\nHost: x\r\n\r\n",
                "\u0001\u0002garbage" + b.text() + "\r\n\r\n",
                "GET /trackers/ HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n",
                "GET /trackers/ HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n",
                "POST /trackers/ HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\nContent-Length: abc\r\n\r\n" + body,
                "POST /trackers/ HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\nContent-Length: 5\r\n"
                        + "Content-Length: 7\r\n\r\n" + body,
                "POST /trackers/ HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n" + body + "\r\n0\r\n\r\n",
                "POST /trackers/ HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                "GET /trackers/\u00ff\u00fe HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET " + "/trackers/" + "p".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST /trackers/ HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\nContent-Length: -1\r\n\r\n");
        assertThat(requests).hasSize(RAW_REQUESTS);
        return rawRequest(requests.get(b.n() % RAW_REQUESTS));
    }

    private static int rawRequest(String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                s.shutdownOutput();
            } catch (java.io.IOException e) {
                // the server may refuse and close before the whole request is written; its answer still counts
            }
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            assertThat(head).as("an HTTP answer to: " + request.substring(0, Math.min(80, request.length())))
                    .startsWith("HTTP/1.1 ");
            return Integer.parseInt(head.substring(9, 12));
        }
    }

    private static long allocatedByAllThreads() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, a);
        }
        return sum;
    }
}
