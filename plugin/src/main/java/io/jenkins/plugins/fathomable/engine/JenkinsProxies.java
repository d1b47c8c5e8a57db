package io.jenkins.plugins.fathomable.engine;

import hudson.ProxyConfiguration;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Core's {@link Proxies} over <b>Manage Jenkins » System » HTTP Proxy</b>: requests go through the configured proxy
 * except to hosts matching its <i>No Proxy Host</i> patterns (Jenkins' own matching), and the proxy's user name and
 * password answer its 407, to that proxy only. The configuration is asked at each new connection; since clients keep
 * connections open for reuse, the engine is rebuilt (new clients) when {@link #settings} change. Without a proxy
 * configured there, the JVM's own settings decide ({@code -Dhttps.proxyHost}, {@code -Dhttp.nonProxyHosts}), as for
 * Jenkins' own {@code URL} connections; by default every host is reached directly.
 */
final class JenkinsProxies implements Proxies {

    /** What of a proxy configuration decides where requests go: equal settings, same routes. */
    record Settings(String name, int port, String noProxyHost, String userName, hudson.util.Secret password) {
        @Override
        public String toString() {
            return name + ":" + port; // never the password
        }
    }

    /** The settings of {@code proxy} ({@code null}: none configured). */
    static Settings settings(ProxyConfiguration proxy) {
        return proxy == null ? null : new Settings(proxy.getName(), proxy.getPort(), proxy.getNoProxyHost(),
                proxy.getUserName(), proxy.getSecretPassword());
    }

    private final Supplier<ProxyConfiguration> configuration;

    /** @param configuration the current proxy configuration or {@code null} ({@code Jenkins.get()::getProxy}) */
    JenkinsProxies(Supplier<ProxyConfiguration> configuration) {
        this.configuration = configuration;
    }

    @Override
    public Proxy proxyFor(URI uri) {
        ProxyConfiguration proxy = configuration.get();
        if (uri.getHost() == null) {
            return Proxy.NO_PROXY;
        }
        if (proxy == null || proxy.getName() == null || proxy.getName().isBlank()) {
            return Proxies.system().proxyFor(uri);
        }
        return proxy.createProxy(uri.getHost());
    }

    @Override
    public Optional<PasswordAuthentication> credentials(String host, int port) {
        ProxyConfiguration proxy = configuration.get();
        if (proxy == null || proxy.getUserName() == null || proxy.getUserName().isBlank() || host == null
                || proxy.getPort() != port || !proxy.getName().trim().toLowerCase(Locale.ROOT)
                        .equals(host.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String password = proxy.getSecretPassword() == null ? "" : proxy.getSecretPassword().getPlainText();
        return Optional.of(new PasswordAuthentication(proxy.getUserName(), password.toCharArray()));
    }
}
