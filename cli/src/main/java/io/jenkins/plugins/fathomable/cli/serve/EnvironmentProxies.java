package io.jenkins.plugins.fathomable.cli.serve;

import io.jenkins.plugins.fathomable.core.source.Proxies;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The proxy settings command-line tools share: {@code https_proxy} for HTTPS targets and {@code http_proxy} for
 * plain HTTP ones (lower case first, then upper case), as {@code http://[user:password@]host[:port]} (port 1080 when
 * left out, as curl does), and {@code no_proxy}: a comma-separated list of hosts reached directly, each matching
 * itself and its subdomains ({@code example.com}, {@code .example.com}), optionally with {@code :port}, or {@code *}
 * for every host; without {@code no_proxy}, {@code localhost}, {@code 127.0.0.1} and {@code ::1} are reached directly. The proxy's user and password answer its 407, to that proxy only. With neither variable set, the
 * JVM's own settings ({@code -Dhttps.proxyHost}, ...) decide, as {@link Proxies#system()} does.
 */
final class EnvironmentProxies implements Proxies {

    /** One proxy variable: where it points and what it authenticates with. */
    private record Target(String variable, String host, int port, PasswordAuthentication credentials) {
        Proxy proxy() {
            // unresolved, as the JVM's own selector gives it: the clients resolve it at each new connection
            return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
        }
    }

    /** Hosts reached directly when {@code no_proxy} is not set. */
    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

    private final Target https;
    private final Target http;
    private final List<String> noProxy;

    private EnvironmentProxies(Target https, Target http, List<String> noProxy) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
    }

    /**
     * The proxies {@code environment} names, or the JVM's when it names none.
     *
     * @throws StartupException naming the variable when its value is not an HTTP proxy URL
     */
    static Proxies of(Function<String, String> environment) {
        Target https = target(environment, "https_proxy");
        Target http = target(environment, "http_proxy");
        if (https == null && http == null) {
            return Proxies.system();
        }
        String no = variable(environment, "no_proxy");
        // unset: this machine is reached directly, as the JVM's default http.nonProxyHosts says; set: as it says
        List<String> noProxy = no == null ? LOOPBACK : Arrays.stream(no.split(","))
                .map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).toList();
        return new EnvironmentProxies(https, http, noProxy);
    }

    private static String variable(Function<String, String> environment, String lower) {
        String value = environment.apply(lower);
        if (value == null || value.isBlank()) {
            value = environment.apply(lower.toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Target target(Function<String, String> environment, String lower) {
        String value = variable(environment, lower);
        if (value == null) {
            return null;
        }
        String name = environment.apply(lower) != null && !environment.apply(lower).isBlank() ? lower
                : lower.toUpperCase(Locale.ROOT);
        URI uri;
        try {
            uri = new URI(value.contains("://") ? value : "http://" + value);
        } catch (URISyntaxException e) {
            throw invalid(name, "not a URL");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw invalid(name, "only http:// proxies are supported (the connection to the proxy is plain HTTP;"
                    + " HTTPS targets are tunnelled through it)");
        }
        if (uri.getHost() == null) {
            throw invalid(name, "no host");
        }
        PasswordAuthentication credentials = null;
        if (uri.getRawUserInfo() != null) {
            String[] userPassword = uri.getRawUserInfo().split(":", 2);
            credentials = new PasswordAuthentication(decode(userPassword[0]),
                    (userPassword.length > 1 ? decode(userPassword[1]) : "").toCharArray());
        }
        return new Target(name, uri.getHost(), uri.getPort() < 0 ? 1080 : uri.getPort(), credentials);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Never the value itself: it may hold the proxy's password. */
    private static StartupException invalid(String variable, String why) {
        return new StartupException("the environment variable " + variable + " is not a usable proxy: " + why
                + "; expected http://[user:password@]host[:port]");
    }

    @Override
    public Proxy proxyFor(URI uri) {
        String host = uri.getHost();
        Target target = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
        if (host == null || target == null || direct(host.toLowerCase(Locale.ROOT), port(uri))) {
            return Proxy.NO_PROXY;
        }
        return target.proxy();
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private boolean direct(String host, int port) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String pattern = entry;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon && entry.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                if (Integer.parseInt(entry.substring(colon + 1)) != port) {
                    continue;
                }
                pattern = entry.substring(0, colon);
            }
            pattern = pattern.startsWith(".") ? pattern.substring(1) : pattern;
            if (pattern.startsWith("[") && pattern.endsWith("]")) {
                pattern = pattern.substring(1, pattern.length() - 1);
            }
            if (bare.equals(pattern) || bare.endsWith("." + pattern)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<PasswordAuthentication> credentials(String host, int port) {
        for (Target t : new Target[] {https, http}) {
            if (t != null && t.credentials() != null && t.port() == port && t.host().equalsIgnoreCase(host)) {
                return Optional.of(t.credentials());
            }
        }
        return Optional.empty();
    }
}
