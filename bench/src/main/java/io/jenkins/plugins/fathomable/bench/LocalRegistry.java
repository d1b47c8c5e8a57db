package io.jenkins.plugins.fathomable.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code docker-registry} (distribution 2.8) on a free 127.0.0.1 port, anonymous, with filesystem storage
 * in a given directory. Its access log is the server-side request count: {@link #mark()} and
 * {@link #countSince(long)} classify the lines logged in between.
 */
final class LocalRegistry implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Pattern ACCESS = Pattern.compile("\"(HEAD|GET|PUT|POST|PATCH|DELETE) (\\S+) HTTP/[0-9.]+\" (\\d{3})");

    private final Path log;
    private final Process process;
    private final int port;

    private LocalRegistry(Path log, Process process, int port) {
        this.log = log;
        this.process = process;
        this.port = port;
    }

    static LocalRegistry start(Path storage, Path workDir) throws IOException, InterruptedException {
        return start(storage, workDir, freePort(), null, null);
    }

    /** A free port on 127.0.0.1, for a registry whose address must be known before it starts. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * @param notify        where the registry sends its notifications (distribution's {@code notifications.endpoints},
     *                      pulls left out), or {@code null} for none
     * @param authorization the {@code Authorization} header of those notifications
     */
    static LocalRegistry start(Path storage, Path workDir, int port, URI notify, String authorization)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install it with apt-get install -y docker-registry");
        }
        Path config = workDir.resolve("registry.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: " + storage
                + "\n  cache:\n    blobdescriptor: inmemory\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port
                + "\n  secret: " + UUID.randomUUID() + "\n" + (notify == null ? "" : "notifications:\n  endpoints:\n"
                + "    - name: fathomable\n      url: " + notify + "\n      headers:\n        Authorization: [\""
                + authorization + "\"]\n      timeout: 5s\n      threshold: 3\n      backoff: 100ms\n"
                + "      ignore:\n        actions: [pull]\n"));
        Path log = workDir.resolve("registry.log");
        Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Stop the registry even when the benchmark is interrupted (Ctrl-C).
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-docker-registry"));
        LocalRegistry registry = new LocalRegistry(log, process, port);
        registry.awaitListening();
        return registry;
    }

    long pid() {
        return process.pid();
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    URI baseUri() {
        return URI.create("http://" + host() + "/v2/");
    }

    /** A position in the access log. */
    long mark() throws IOException {
        return Files.size(log);
    }

    /**
     * Requests logged after {@code mark}, by kind ({@code HEAD manifest}, {@code GET manifest}, {@code tags/list},
     * {@code blob}, {@code other}). A sentinel request is sent and awaited first so every earlier one is logged.
     */
    Map<String, Long> countSince(long mark) throws IOException, InterruptedException {
        String sentinel = "/v2/sentinel-" + UUID.randomUUID() + "/tags/list";
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + host() + sentinel)).build(),
                HttpResponse.BodyHandlers.discarding());
        for (int attempt = 0; attempt < 400; attempt++) {
            String text = readFrom(mark);
            if (text.contains(sentinel)) {
                Map<String, Long> counts = new TreeMap<>();
                Matcher m = ACCESS.matcher(text);
                while (m.find()) {
                    if (!m.group(2).contains("/sentinel-")) {
                        counts.merge(kind(m.group(1), m.group(2)), 1L, Long::sum);
                    }
                }
                return counts;
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("the registry did not log the sentinel request");
    }

    private static String kind(String method, String path) {
        if (path.contains("/blobs/")) {
            return "blob";
        }
        if (path.contains("/tags/list")) {
            return "tags/list";
        }
        if (path.contains("/manifests/")) {
            return method + " manifest";
        }
        return "other";
    }

    private String readFrom(long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - offset)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 400; attempt++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        throw new IllegalStateException("docker-registry did not listen on " + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
