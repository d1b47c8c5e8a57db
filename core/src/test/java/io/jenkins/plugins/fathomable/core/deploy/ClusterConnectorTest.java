package io.jenkins.plugins.fathomable.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import io.jenkins.plugins.fathomable.core.testing.ForwardProxy;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConnectorTest {

    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2E=\n-----END CERTIFICATE-----\n";

    private final CredentialsPort credentials = id -> switch (id) {
        case "k8s-prod" -> Optional.of(new Credential.Token(Secret.of("prod-token-123")));
        case "github-login" -> Optional.of(new Credential.UsernamePassword("bot", Secret.of("pw")));
        default -> Optional.empty();
    };

    @TempDir
    Path dir;

    private MockCluster cluster;

    @BeforeEach
    void start() {
        cluster = new MockCluster(true);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private ClusterConnector connector(Map<String, String> env) {
        return new ClusterConnector(credentials, env::get, dir.resolve("serviceaccount"), Proxies.system());
    }

    private String serverUrl() {
        return "https://127.0.0.1:" + cluster.server.getPort();
    }

    @Test
    void serverAndTokenCredentialAuthenticateWithTheResolvedBearerToken() {
        ClusterConfig config = new ClusterConfig.ServerToken(serverUrl(), "k8s-prod", null, true);

        try (KubernetesClient client = connector(Map.of()).connect(config)) {
            client.configMaps().inNamespace("shop-dev").list();
        }

        assertThat(cluster.dispatcher.requests()).singleElement().satisfies(r -> {
            assertThat(r.getPath()).startsWith("/api/v1/namespaces/shop-dev/configmaps");
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer prod-token-123");
        });
    }

    @Test
    void tlsIsVerifiedByDefaultSoTheTokenNeverReachesAnUntrustedServer() {
        ClusterConfig config = new ClusterConfig.ServerToken(serverUrl(), "k8s-prod", null, false);

        try (KubernetesClient client = connector(Map.of()).connect(config)) {
            assertThatThrownBy(() -> client.configMaps().inNamespace("shop-dev").list())
                    .isInstanceOf(KubernetesClientException.class)
                    .satisfies(e -> assertThat(causes(e)).anyMatch(SSLException.class::isInstance));
        }
        assertThat(cluster.dispatcher.requests()).isEmpty();
    }

    private static java.util.List<Throwable> causes(Throwable e) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    @Test
    void anApiServerGivenByUrlIsReachedThroughTheProxyTheHostNames() {
        ClusterConfig config = new ClusterConfig.ServerToken(serverUrl(), "k8s-prod", null, true);
        try (ForwardProxy proxy = ForwardProxy.withCredentials("robot", "proxy-pass")) {
            ClusterConnector connector = new ClusterConnector(credentials, Map.<String, String>of()::get,
                    dir.resolve("serviceaccount"), proxy.proxies(java.util.Set.of(), "robot", "proxy-pass"));
            try (KubernetesClient client = connector.connect(config)) {
                client.configMaps().inNamespace("shop-dev").list();
            }
            List<String> proxied = proxy.requests();
            assertThat(proxied).contains("GET " + serverUrl() + "/api/v1/namespaces/shop-dev/configmaps -> 200");
            assertThat(cluster.dispatcher.requests()).singleElement()
                    .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer prod-token-123"));

            // a host to be reached directly is, and an in-cluster API server never asks
            ClusterConnector direct = new ClusterConnector(credentials, Map.<String, String>of()::get,
                    dir.resolve("serviceaccount"), proxy.proxies(java.util.Set.of("127.0.0.1"), "robot", "proxy-pass"));
            assertThat(direct.config(config).getHttpsProxy()).isNull();
            try (KubernetesClient client = direct.connect(config)) {
                client.configMaps().inNamespace("shop-dev").list();
            }
            assertThat(proxy.requests()).isEqualTo(proxied);
            assertThat(cluster.dispatcher.requests()).hasSize(2);
        }
    }

    @Test
    void caCertificateIsPassedAsPemOrBase64AndVerificationStaysOn() {
        Config fromPem = connector(Map.of()).config(new ClusterConfig.ServerToken(serverUrl(), "k8s-prod", PEM, false));
        String base64 = Base64.getEncoder().encodeToString(PEM.trim().getBytes(StandardCharsets.US_ASCII));
        Config fromBase64 = connector(Map.of()).config(
                new ClusterConfig.ServerToken(serverUrl(), "k8s-prod", base64, false));

        assertThat(fromPem.getCaCertData()).isEqualTo(base64);
        assertThat(fromBase64.getCaCertData()).isEqualTo(base64);
        assertThat(fromPem.isTrustCerts()).isFalse();
        assertThat(fromPem.isDisableHostnameVerification()).isFalse();
    }

    @Test
    void credentialProblemsNameTheField() {
        ClusterConnector connector = connector(Map.of());

        assertThatThrownBy(() -> connector.connect(new ClusterConfig.ServerToken(serverUrl(), "missing", null, false)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("cluster.credentialsId: no credential with id 'missing'");
        assertThatThrownBy(() -> connector.connect(
                new ClusterConfig.ServerToken(serverUrl(), "github-login", null, false)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("cluster.credentialsId: credential 'github-login' must be a token")
                .hasMessageNotContaining("pw");
    }

    @Test
    void serverUrlMustBeHttpsAndCredentialsIdIsRequired() {
        for (String clear : List.of("http://kube.example.com:6443", "http://10.0.0.1:6443", "http://127.0.0.1.example.com",
                "http://[::2]:8001", "ftp://127.0.0.1", "http:///api")) {
            assertThatThrownBy(() -> new ClusterConfig.ServerToken(clear, "k8s-prod", null, false)).as(clear)
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("cluster.serverUrl: must be an https:// URL");
        }
        assertThatThrownBy(() -> new ClusterConfig.ServerToken("https://kube.example.com", " ", null, false))
                .isInstanceOf(ValidationException.class).hasMessageContaining("cluster.credentialsId: is required");
        assertThat(new ClusterConfig.ServerToken("https://kube.example.com", "k8s-prod", null, true).toString())
                .contains("TLS verification OFF");
    }

    @Test
    void plainHttpOnlyOnTheLoopbackInterfaceWhereTheTokenStaysOnTheMachine() {
        for (String loopback : List.of("http://127.0.0.1:8001", "http://localhost:8001", "HTTP://127.10.0.2",
                "http://[::1]:8001")) {
            assertThat(new ClusterConfig.ServerToken(loopback, "k8s-prod", null, false).serverUrl()).isEqualTo(loopback);
        }
        try (MockCluster plain = MockCluster.start(); KubernetesClient client = connector(Map.of()).connect(
                new ClusterConfig.ServerToken(plain.url(), "k8s-prod", null, false))) {
            client.configMaps().inNamespace("shop-dev").list();
            assertThat(plain.dispatcher.requests()).singleElement().satisfies(r ->
                    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer prod-token-123"));
        }
    }

    @Test
    void kubeconfigFileUsesTheNamedContext() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: deployer
                  user:
                    token: deployer-token
                - name: admin
                  user:
                    token: admin-token
                contexts:
                - name: admin
                  context: {cluster: mock, user: admin}
                - name: deploy
                  context: {cluster: mock, user: deployer, namespace: shop-dev}
                current-context: admin
                """.formatted(serverUrl()));

        try (KubernetesClient client = connector(Map.of()).connect(
                new ClusterConfig.KubeconfigFile(kubeconfig, "deploy"))) {
            client.configMaps().inNamespace("shop-dev").list();
        }

        assertThat(cluster.dispatcher.requests()).singleElement()
                .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer deployer-token"));
    }

    @Test
    void unreadableKubeconfigIsAFieldError() {
        assertThatThrownBy(() -> connector(Map.of()).connect(
                new ClusterConfig.KubeconfigFile(dir.resolve("nope"), null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("cluster.kubeconfig: cannot read");
    }

    @Test
    void inClusterUsesTheMountedServiceAccountAndRereadsARotatedToken() throws Exception {
        Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(sa.resolve("token"), "token-one\n");
        Files.writeString(sa.resolve("ca.crt"), PEM);

        Config config = connector(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"))
                .config(new ClusterConfig.InCluster());

        assertThat(config.getMasterUrl()).startsWith("https://10.96.0.1:443");
        assertThat(config.getCaCertFile()).isEqualTo(sa.resolve("ca.crt").toString());
        assertThat(config.isTrustCerts()).isFalse();
        assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("token-one");
        Files.writeString(sa.resolve("token"), "token-two\n");
        assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("token-two");
    }

    @Test
    void inClusterOutsideAPodSaysWhatIsMissing() {
        assertThatThrownBy(() -> connector(Map.of()).config(new ClusterConfig.InCluster()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("KUBERNETES_SERVICE_HOST is not set");
    }
}
