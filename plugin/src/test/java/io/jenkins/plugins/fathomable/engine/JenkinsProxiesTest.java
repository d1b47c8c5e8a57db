package io.jenkins.plugins.fathomable.engine;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ProxyConfiguration;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Manage Jenkins » System » HTTP Proxy as the engine sees it: per host, with No Proxy Host, asked each time. */
class JenkinsProxiesTest {

    private final AtomicReference<ProxyConfiguration> configured = new AtomicReference<>();
    private final JenkinsProxies proxies = new JenkinsProxies(configured::get);

    @Test
    void withoutAProxyConfiguredTheJvmDecidesWhichByDefaultIsDirect() {
        assertThat(proxies.proxyFor(URI.create("https://api.github.com/graphql"))).isEqualTo(Proxy.NO_PROXY);
        assertThat(proxies.credentials("proxy.example.com", 3128)).isEmpty();
    }

    @Test
    void everyHostGoesThroughTheProxyExceptTheNoProxyHosts() {
        configured.set(new ProxyConfiguration("proxy.example.com", 3128, null, null,
                "*.internal\nregistry.example.com\n10.*"));

        Proxy github = proxies.proxyFor(URI.create("https://api.github.com/graphql"));
        assertThat(github.type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(((InetSocketAddress) github.address()).getHostString()).isEqualTo("proxy.example.com");
        assertThat(((InetSocketAddress) github.address()).getPort()).isEqualTo(3128);
        assertThat(proxies.proxyFor(URI.create("https://kube.internal:6443/api"))).isEqualTo(Proxy.NO_PROXY);
        assertThat(proxies.proxyFor(URI.create("https://registry.example.com/v2/"))).isEqualTo(Proxy.NO_PROXY);
        assertThat(proxies.proxyFor(URI.create("https://10.0.0.1:6443/api"))).isEqualTo(Proxy.NO_PROXY);
        assertThat(proxies.proxyFor(URI.create("https://ghcr.io/v2/"))).isEqualTo(github);

        // a changed setting applies at the next connection
        configured.set(null);
        assertThat(proxies.proxyFor(URI.create("https://api.github.com/graphql"))).isEqualTo(Proxy.NO_PROXY);
    }

    @Test
    void theProxysUserAndPasswordGoToThatProxyOnly() {
        configured.set(new ProxyConfiguration("proxy.example.com", 3128, "robot", "proxy-pass", null));

        assertThat(proxies.credentials("proxy.example.com", 3128)).get().satisfies(c -> {
            assertThat(c.getUserName()).isEqualTo("robot");
            assertThat(new String(c.getPassword())).isEqualTo("proxy-pass");
        });
        assertThat(proxies.credentials("PROXY.example.com", 3128)).isPresent();
        assertThat(proxies.credentials("proxy.example.com", 8080)).isEmpty();
        assertThat(proxies.credentials("evil.example.com", 3128)).isEmpty();

        configured.set(new ProxyConfiguration("proxy.example.com", 3128));
        assertThat(proxies.credentials("proxy.example.com", 3128)).as("no user name, nothing to send").isEmpty();
    }

    @Test
    void aChangedProxySettingIsTold() {
        ProxyConfiguration a = new ProxyConfiguration("proxy.example.com", 3128, "robot", "proxy-pass", "*.internal");
        assertThat(JenkinsProxies.settings(a))
                .isEqualTo(JenkinsProxies.settings(new ProxyConfiguration("proxy.example.com", 3128, "robot", "proxy-pass", "*.internal")))
                .isNotEqualTo(JenkinsProxies.settings(new ProxyConfiguration("proxy.example.com", 3128, "robot", "proxy-pass", "*.internal\nkube.example.com")))
                .isNotEqualTo(JenkinsProxies.settings(new ProxyConfiguration("proxy.example.com", 3128, "robot", "rotated", "*.internal")))
                .isNotEqualTo(JenkinsProxies.settings(new ProxyConfiguration("proxy.example.com", 8080, "robot", "proxy-pass", "*.internal")))
                .isNotEqualTo(JenkinsProxies.settings(null));
        assertThat(JenkinsProxies.settings(a).toString()).doesNotContain("proxy-pass");
    }
}
