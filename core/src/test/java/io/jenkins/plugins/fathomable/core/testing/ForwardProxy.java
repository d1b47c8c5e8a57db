package io.jenkins.plugins.fathomable.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A forward HTTP proxy on 127.0.0.1 (WireMock's browser proxying): it forwards what clients send it to the host they
 * name and remembers each request; with a user name it first answers {@code 407} to requests without its Basic
 * credentials, as a corporate proxy does.
 */
public final class ForwardProxy implements AutoCloseable {

    public static final String REALM = "Basic realm=\"test proxy\"";

    private final WireMockServer server;

    private ForwardProxy(String user, String password) {
        try {
            // HTTPS targets are tunnelled (CONNECT) and opened by the proxy with a certificate of its own test CA,
            // kept in a temporary file, so that it can record them too; it trusts the (self-signed) targets.
            Path ca = Files.createTempDirectory("forward-proxy").resolve("ca-keystore.jks");
            server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                    .enableBrowserProxying(true).trustAllProxyTargets(true).caKeystorePath(ca.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.start();
        if (user != null) {
            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            for (var header : List.of(absent(), notMatching(Pattern.quote(expected)))) {
                server.stubFor(any(anyUrl()).withHeader("Proxy-Authorization", header)
                        .willReturn(aResponse().withStatus(407).withHeader("Proxy-Authenticate", REALM)));
            }
        }
    }

    /** A proxy that forwards every request. */
    public static ForwardProxy open() {
        return new ForwardProxy(null, null);
    }

    /** A proxy that forwards only requests with these Basic credentials, and answers 407 to others. */
    public static ForwardProxy withCredentials(String user, String password) {
        return new ForwardProxy(user, password);
    }

    public int port() {
        return server.port();
    }

    /**
     * Proxies that send everything through this proxy except to {@code directHosts}, with {@code user} and
     * {@code password} for it (and for no other proxy).
     */
    public Proxies proxies(Set<String> directHosts, String user, String password) {
        int port = port();
        return new Proxies() {
            @Override
            public Proxy proxyFor(URI uri) {
                return directHosts.contains(uri.getHost()) ? Proxy.NO_PROXY
                        : new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", port));
            }

            @Override
            public Optional<PasswordAuthentication> credentials(String host, int proxyPort) {
                return user != null && "127.0.0.1".equals(host) && proxyPort == port
                        ? Optional.of(new PasswordAuthentication(user, password.toCharArray())) : Optional.empty();
            }
        };
    }

    /** Every request the proxy received, oldest first: {@code METHOD URL -> status}. */
    public List<String> requests() {
        return server.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(ForwardProxy::line).toList();
    }

    /** The value of {@code Proxy-Authorization} of every request, in order ({@code -} when absent). */
    public List<String> authorizations() {
        return server.getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .map(e -> Optional.ofNullable(e.getRequest().getHeader("Proxy-Authorization")).orElse("-")).toList();
    }

    private static String line(ServeEvent e) {
        return e.getRequest().getMethod() + " " + e.getRequest().getAbsoluteUrl() + " -> " + e.getResponse().getStatus();
    }

    @Override
    public void close() {
        server.stop();
    }
}
