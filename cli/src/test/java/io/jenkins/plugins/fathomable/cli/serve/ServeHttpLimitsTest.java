package io.jenkins.plugins.fathomable.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, items 2 and 6, over real sockets: connections that send a request line and then nothing neither block
 * other requests nor stay open for ever; a request path cannot forge log lines or flood the log.
 */
class ServeHttpLimitsTest {

    private static final String TOKEN = "admin-token-for-limits-0123456789";

    @TempDir
    Path stateDir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final List<Socket> idle = new ArrayList<>();
    private ServeApp app;

    @BeforeEach
    void start() {
        ServeSettings settings = new ServeSettings("127.0.0.1", 0, stateDir, ServeSettings.DEFAULT_GITHUB_API,
                Duration.ofHours(1), false, ServeSettings.DEFAULT_ENVIRONMENTS, List.of(), true);
        app = ServeApp.start(settings, TestEngine::new, Optional.of(TOKEN),
                ServeLog.to(new PrintStream(logBytes, true, StandardCharsets.UTF_8), Clock.systemUTC()), Clock.systemUTC(),
                new SecureRandom());
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : idle) {
            s.close();
        }
        app.close();
    }

    private int get(String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(app.baseUri() + path.substring(1)))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(60)).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void sixtyConnectionsThatSendOnlyARequestLineBlockNothingAndAreClosed() throws Exception {
        for (int i = 0; i < 60; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), app.port());
            s.getOutputStream().write("GET /trackers/ HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            idle.add(s);
        }
        // Before: 16 threads, each stuck reading one of these, and every other request timed out.
        assertThat(get("/trackers/")).isEqualTo(200);

        Socket first = idle.get(0);
        first.setSoTimeout((int) (ApiServer.IDLE_TIMEOUT.toMillis() * 6));
        InputStream in = first.getInputStream();
        byte[] answer = in.readAllBytes(); // returns once the server closes the connection
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        assertThat(text).as("an idle request is ended by the server, with a 4xx at most").satisfiesAnyOf(
                t -> assertThat(t).isEmpty(), t -> assertThat(t).startsWith("HTTP/1.1 4"));
    }

    @Test
    void aSlowBodyIsCutOffAndOtherRequestsGoOn() throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), app.port());
        idle.add(s);
        OutputStream out = s.getOutputStream();
        out.write(("POST /trackers/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(get("/trackers/")).isEqualTo(200);
        s.setSoTimeout((int) (ApiServer.BODY_TIMEOUT.toMillis() * 4));
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(answer).as("the body never completes: 408, or the connection is closed")
                .satisfiesAnyOf(t -> assertThat(t).isEmpty(), t -> assertThat(t).startsWith("HTTP/1.1 408"));
        assertThat(get("/trackers/")).isEqualTo(200);
    }

    /**
     * The flaky "header parser received no bytes" of the JDK's client: serve answered 413 before reading a large
     * body and closed the connection, so the kernel reset it while the client was still sending, and the client lost
     * the answer. Now the body is read to its end first: every write succeeds, the answer arrives, and the connection
     * carries the next request.
     */
    @Test
    void aBodyOverTheLimitIsReadToItsEndSoTheAnswerArrivesAndTheConnectionStaysUsable() throws Exception {
        byte[] body = ("{\"id\":\"big.one\",\"tag\":\"" + "x".repeat(200 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /trackers/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            writeSlowly(out, body);
            Answer tooLarge = Answer.read(s.getInputStream());
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.headers()).as("the connection stays open").doesNotContainKey("connection");

            out.write(("GET /trackers/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(Answer.read(s.getInputStream()).status()).as("the next request on the same connection").isEqualTo(200);
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsReadToItsEndToo() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /trackers/a.b HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 40; i++) {
                out.write(("2000\r\n" + "y".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Answer tooLarge = Answer.read(s.getInputStream());
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.headers()).doesNotContainKey("connection");
            out.write(("GET /trackers/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(Answer.read(s.getInputStream()).status()).isEqualTo(200);
        }
    }

    @Test
    void aBodyTooLargeToReadThroughIsRefusedAtOnceAndTheConnectionClosedSayingSo() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
            s.setSoTimeout(60_000);
            s.getOutputStream().write(("POST /trackers/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (ApiHandler.DRAIN_LIMIT + 1)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            Answer answer = Answer.read(s.getInputStream()); // before any of the body is sent
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.headers()).containsEntry("connection", "close");
            assertThat(s.getInputStream().read()).as("then closed").isEqualTo(-1);
        }
    }

    /**
     * Jetty refuses some paths itself ({@code %00}) and then closes the connection; the answer must say so, or a
     * client's next request on that connection gets no answer at all (RestFuzzTest, one run in about eight).
     */
    @Test
    void aRequestJettyRefusesItselfSaysTheConnectionCloses() throws Exception {
        for (String path : List.of("/trackers/%00.x", "/trackers/a.b%0a")) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
                s.setSoTimeout(60_000);
                byte[] body = "{\"id\":\"a.b\"}".getBytes(StandardCharsets.US_ASCII);
                s.getOutputStream().write(("PUT " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(body);
                s.getOutputStream().flush();
                Answer answer = Answer.read(s.getInputStream());
                assertThat(answer.status()).as(path).isEqualTo(400);
                assertThat(answer.body()).as(path).contains("\"bad_request\"");
                assertThat(answer.headers()).as(path).containsEntry("connection", "close");
                assertThat(s.getInputStream().read()).as(path + ": then closed").isEqualTo(-1);
            }
        }
    }

    /** In pieces, with pauses, so that the server has answered long before the last piece if it answers early. */
    private static void writeSlowly(OutputStream out, byte[] body) throws Exception {
        for (int at = 0; at < body.length; at += 8192) {
            out.write(body, at, Math.min(8192, body.length - at));
            out.flush();
            Thread.sleep(5);
        }
    }

    /** One HTTP/1.1 answer with a Content-Length, read off a socket; header names in lower case. */
    private record Answer(int status, java.util.Map<String, String> headers, String body) {
        static Answer read(InputStream in) throws java.io.IOException {
            String statusLine = line(in);
            assertThat(statusLine).startsWith("HTTP/1.1 ");
            java.util.Map<String, String> headers = new java.util.TreeMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), h.substring(colon + 1).trim());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            return new Answer(Integer.parseInt(statusLine.substring(9, 12)), headers,
                    new String(body, StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws java.io.IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException("the connection was closed after: " + b);
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }
    }

    @Test
    void aRequestPathCannotForgeALogLineOrFloodTheLog() throws Exception {
        String forged = "2026-01-01T00:00:00Z http: POST /trackers/ -> 201";
        int status = get("/trackers/x%0a" + forged.replace(" ", "%20").replace(":", "%3A").replace(">", "%3E") + "%0d%0a%1b%5b31m");
        assertThat(status).as("control characters in a path are refused by the HTTP layer").isEqualTo(400);
        assertThat(get("/trackers/" + "a".repeat(6000))).isEqualTo(404);
        // Anything else that quotes input in a line (a branch in a GitHub error, say) is escaped by the log itself.
        app.log().info("poll: shop.web ERROR: GitHub: heads/x\n" + forged + "\r\n\u001b[31m not found");
        app.close();

        List<String> lines = logBytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).noneMatch(l -> l.startsWith("2026-01-01T00:00:00Z"));
        assertThat(lines).noneMatch(l -> l.contains("\u001b"));
        assertThat(lines).anyMatch(l -> l.endsWith("poll: shop.web ERROR: GitHub: heads/x\\n" + forged
                + "\\r\\n\\u001b[31m not found"));
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThan(ServeLog.MAX_LINE + 100));
        assertThat(lines).anyMatch(l -> l.contains("/trackers/aaaa") && l.contains("more characters) -> 404"));
    }
}
