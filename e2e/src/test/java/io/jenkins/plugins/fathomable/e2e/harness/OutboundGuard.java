package io.jenkins.plugins.fathomable.e2e.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps a Jenkins under test on the machine. One socket on 127.0.0.1 plays two parts:
 * <ul>
 * <li>the JVM's HTTP and HTTPS proxy ({@code http(s).proxyHost}; loopback addresses bypass it): any request that
 * would leave the machine (an unconfigured GitHub URL, a registry on the internet) arrives here instead, is answered
 * {@code 403} and recorded as an {@linkplain #attempts() outbound attempt}, which fails the group;</li>
 * <li>the update center ({@code hudson.model.UpdateCenter.updateCenterUrl}): Jenkins asks the update site for tool
 * installer data at every boot whatever {@code UpdateCenter.never} says; those requests are answered {@code 404}
 * and only counted ({@link #updateSiteRequests()}).</li>
 * </ul>
 */
public final class OutboundGuard implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final List<String> updateSite = new CopyOnWriteArrayList<>();

    public OutboundGuard() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "e2e-outbound-guard");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The JVM options that send outbound HTTP(S) and update-site requests here. */
    public Map<String, String> systemProperties() {
        String port = String.valueOf(server.getLocalPort());
        return Map.of("http.proxyHost", "127.0.0.1", "http.proxyPort", port,
                "https.proxyHost", "127.0.0.1", "https.proxyPort", port,
                "http.nonProxyHosts", "localhost|127.*|[::1]",
                "hudson.model.UpdateCenter.updateCenterUrl", "http://127.0.0.1:" + port + "/");
    }

    /** {@code 127.0.0.1:PORT}, to give a browser as its proxy (it bypasses the proxy for loopback addresses). */
    public String proxyAddress() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Time and request line ({@code 02:45:37 CONNECT api.github.com:443 HTTP/1.1}) of each request that tried to leave. */
    public List<String> attempts() {
        return List.copyOf(attempts);
    }

    /** Time and request line of each request to the stand-in update center. */
    public List<String> updateSiteRequests() {
        return List.copyOf(updateSite);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                String requestLine = in.readLine();
                String seen = LocalTime.now().withNano(0) + " " + (requestLine == null ? "(no request)" : requestLine);
                // origin-form ("GET /updates/x.json HTTP/1.1") is addressed to us; anything else is a proxy request
                boolean updateCenter = requestLine != null && requestLine.matches("[A-Z]+ /\\S* HTTP/.*");
                (updateCenter ? updateSite : attempts).add(seen);
                String body = updateCenter ? "no update center in the end-to-end suite"
                        : "the end-to-end suite allows no traffic off the machine";
                String status = updateCenter ? "404 Not Found" : "403 Forbidden";
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: "
                        + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
