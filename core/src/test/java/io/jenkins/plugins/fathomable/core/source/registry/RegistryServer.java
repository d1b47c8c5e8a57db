package io.jenkins.plugins.fathomable.core.source.registry;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
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
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts Debian's {@code docker-registry} (distribution 2.8) on a free 127.0.0.1 port for one test class, with
 * filesystem storage in a temporary directory and, optionally, htpasswd basic auth or token auth served by a
 * {@link TokenIssuer}. Its access log is kept so tests can count requests on the registry's side.
 */
public final class RegistryServer implements BeforeAllCallback, AfterAllCallback {

    static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Pattern ACCESS_LINE = Pattern.compile("\"(HEAD|GET|PUT|POST|PATCH|DELETE) (\\S+) HTTP/[0-9.]+\" (\\d{3})");

    public enum Auth { NONE, BASIC, TOKEN }

    /** One notification the registry sent: its headers (names lower case) and body. */
    public record Notification(java.util.Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final Auth auth;
    private final String username;
    private final String password;
    private String notificationAuthorization;
    private com.sun.net.httpserver.HttpServer relay;
    private final List<Notification> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile java.util.function.ToIntFunction<Notification> receiver;
    private Path dir;
    private Process process;
    private int port;
    private TokenIssuer tokens;

    private RegistryServer(Auth auth, String username, String password) {
        this.auth = auth;
        this.username = username;
        this.password = password;
    }

    public static RegistryServer anonymous() {
        return new RegistryServer(Auth.NONE, null, null);
    }

    public static RegistryServer basicAuth(String username, String password) {
        return new RegistryServer(Auth.BASIC, username, password);
    }

    /** Token auth: a token endpoint that issues tokens to {@code username}/{@code password} only. */
    public static RegistryServer tokenAuth(String username, String password) {
        return new RegistryServer(Auth.TOKEN, username, password);
    }

    /**
     * Makes the registry send its notifications (distribution's {@code notifications.endpoints}, pulls left out) to
     * this test, with {@code authorization} as their {@code Authorization} header. They arrive at a relay in the test
     * JVM, which keeps them ({@link #notifications()}) and hands each to {@link #receiveWith} when set.
     */
    public RegistryServer notifying(String authorization) {
        this.notificationAuthorization = authorization;
        return this;
    }

    /** Who answers the registry's notifications from now on (its answer is the status the registry sees). */
    public void receiveWith(java.util.function.ToIntFunction<Notification> handler) {
        this.receiver = handler;
    }

    /** Every notification the registry sent so far. */
    public List<Notification> notifications() {
        return List.copyOf(received);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: install it: apt-get install -y docker-registry");
        }
        dir = Files.createTempDirectory("fathomable-registry");
        port = freePort();
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: error\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
                .append("  secret: ").append(UUID.randomUUID()).append('\n');
        if (auth == Auth.BASIC) {
            String hash = OpenBSDBCrypt.generate("2a", password.toCharArray(), randomSalt(), 4);
            Files.writeString(dir.resolve("htpasswd"), username + ":" + hash + "\n");
            config.append("auth:\n  htpasswd:\n    realm: fathomable-test\n    path: ").append(dir.resolve("htpasswd")).append('\n');
        } else if (auth == Auth.TOKEN) {
            tokens = TokenIssuer.start(username, password, "fathomable-test-registry", "fathomable-test-issuer");
            Files.writeString(dir.resolve("root.pem"), tokens.certificatePem());
            config.append("auth:\n  token:\n    realm: ").append(tokens.realm()).append('\n')
                    .append("    service: ").append(tokens.service()).append('\n')
                    .append("    issuer: ").append(tokens.issuer()).append('\n')
                    .append("    rootcertbundle: ").append(dir.resolve("root.pem")).append('\n');
        }
        if (notificationAuthorization != null) {
            startRelay();
            config.append("notifications:\n  endpoints:\n    - name: test\n")
                    .append("      url: http://127.0.0.1:").append(relay.getAddress().getPort()).append("/notify\n")
                    .append("      headers:\n        Authorization: [\"").append(notificationAuthorization).append("\"]\n")
                    .append("      timeout: 5s\n      threshold: 3\n      backoff: 100ms\n")
                    .append("      ignore:\n        actions: [pull]\n");
        }
        Path configFile = dir.resolve("config.yml");
        Files.writeString(configFile, config.toString());
        process = new ProcessBuilder(BINARY.toString(), "serve", configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        awaitListening();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
        if (tokens != null) {
            tokens.close();
        }
        if (relay != null) {
            relay.stop(0);
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** {@code 127.0.0.1:PORT}, the registry part of image references. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public URI baseUri() {
        return URI.create("http://" + host() + "/v2/");
    }

    public TokenIssuer tokens() {
        return tokens;
    }

    /** An Authorization header with push rights for the test's own uploads (never through the client under test). */
    public String pushAuthorization(String repository) {
        return switch (auth) {
            case NONE -> null;
            case BASIC -> "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            case TOKEN -> "Bearer " + tokens.mint("repository:" + repository + ":pull,push", Duration.ofMinutes(10));
        };
    }

    public ImagePusher pusher() {
        return new ImagePusher(this);
    }

    /** A position in the access log; requests after it are counted by {@link #requestsSince}. */
    public int logMark() throws IOException, InterruptedException {
        return accessLines().size();
    }

    /**
     * The access-log lines ({@code METHOD PATH STATUS}) after {@code mark}. A sentinel request is made and awaited
     * first, so every earlier request has been logged.
     */
    public List<String> requestsSince(int mark) throws IOException, InterruptedException {
        String sentinel = "/v2/sentinel-" + UUID.randomUUID() + "/tags/list";
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + host() + sentinel)).build(),
                HttpResponse.BodyHandlers.discarding());
        for (int attempt = 0; attempt < 200; attempt++) {
            List<String> lines = accessLines();
            if (lines.stream().anyMatch(line -> line.contains(sentinel))) {
                return lines.subList(mark, lines.size()).stream().filter(line -> !line.contains("/sentinel-")).toList();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("registry did not log the sentinel request; log:\n" + Files.readString(dir.resolve("registry.log")));
    }

    private List<String> accessLines() throws IOException {
        try (Stream<String> lines = Files.lines(dir.resolve("registry.log"))) {
            return lines.map(ACCESS_LINE::matcher).filter(java.util.regex.Matcher::find)
                    .map(m -> m.group(1) + " " + m.group(2) + " " + m.group(3)).toList();
        }
    }

    private void startRelay() throws IOException {
        relay = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        relay.createContext("/notify", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                java.util.Map<String, List<String>> headers = new java.util.TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
                Notification n = new Notification(headers, body);
                received.add(n);
                java.util.function.ToIntFunction<Notification> handler = receiver;
                int status = 200;
                try {
                    status = handler == null ? 200 : handler.applyAsInt(n);
                } catch (RuntimeException e) {
                    status = 500;
                }
                exchange.sendResponseHeaders(status, -1);
            }
        });
        relay.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "registry-notification-relay");
            t.setDaemon(true);
            return t;
        }));
        relay.start();
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 400; attempt++) {
            if (!process.isAlive()) {
                throw new AssertionError("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        throw new AssertionError("docker-registry did not listen on " + port + ": " + Files.readString(dir.resolve("registry.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static byte[] randomSalt() {
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        return salt;
    }
}
