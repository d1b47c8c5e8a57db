package io.jenkins.plugins.fathomable.core.source;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * How the engine reaches GitHub, registries and clusters: directly or through an HTTP proxy, decided per host (so
 * hosts that must be reached directly are), and with what the proxy wants to authenticate. A port: the host supplies
 * it. The Jenkins plugin's follows <b>Manage Jenkins » System » HTTP Proxy</b>; {@link #system()} is the JVM's own
 * ({@code https.proxyHost}, {@code http.nonProxyHosts}, {@code java.net.useSystemProxies}).
 */
public interface Proxies {

    /** The proxy for {@code uri} ({@link Proxy#NO_PROXY} for a direct connection); asked at each new connection. */
    Proxy proxyFor(URI uri);

    /** The user name and password for the proxy at {@code host:port}, asked when it answers 407; empty: none. */
    Optional<PasswordAuthentication> credentials(String host, int port);

    /** The JVM's default proxy selector, without proxy credentials: what a client does when told nothing. */
    static Proxies system() {
        return new Proxies() {
            @Override
            public Proxy proxyFor(URI uri) {
                ProxySelector jvm = ProxySelector.getDefault();
                List<Proxy> proxies = jvm == null ? List.of() : jvm.select(uri);
                return proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
            }

            @Override
            public Optional<PasswordAuthentication> credentials(String host, int port) {
                return Optional.empty();
            }

            /** Unchanged: OkHttp asks the JVM's selector by itself. */
            @Override
            public OkHttpClient.Builder configure(OkHttpClient.Builder builder) {
                return builder;
            }

            /** Unchanged: the JDK's client asks the JVM's selector by itself. */
            @Override
            public HttpClient.Builder configure(HttpClient.Builder builder) {
                return builder;
            }
        };
    }

    /** These proxies as a {@link ProxySelector}, for clients that take one. */
    default ProxySelector selector() {
        Proxies proxies = this;
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(proxies.proxyFor(uri));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress proxy, IOException e) {
                // the client reports the failure with the request; nothing to remember here
            }
        };
    }

    /** {@code builder} going through these proxies, answering a proxy's 407 with their credentials (once). */
    default OkHttpClient.Builder configure(OkHttpClient.Builder builder) {
        return builder.proxySelector(selector()).proxyAuthenticator((route, response) -> {
            Request request = response.request();
            if (request.header("Proxy-Authorization") != null || route == null
                    || !(route.proxy().address() instanceof InetSocketAddress proxy)) {
                return null; // already refused with these credentials, or nothing to answer with
            }
            return credentials(proxy.getHostString(), proxy.getPort())
                    .map(c -> request.newBuilder().header("Proxy-Authorization",
                            Credentials.basic(c.getUserName(), new String(c.getPassword()))).build())
                    .orElse(null);
        });
    }

    /**
     * {@code builder} going through these proxies, with their credentials for a proxy's 407. The JDK refuses Basic
     * authentication for HTTPS tunnels unless {@code jdk.http.auth.tunneling.disabledSchemes} allows it.
     */
    default HttpClient.Builder configure(HttpClient.Builder builder) {
        Proxies proxies = this;
        return builder.proxy(selector()).authenticator(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY
                        ? proxies.credentials(getRequestingHost(), getRequestingPort()).orElse(null) : null;
            }
        });
    }
}
