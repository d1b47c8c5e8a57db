package io.jenkins.plugins.fathomable.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.fathomable.config.EnvironmentEntry;
import io.jenkins.plugins.fathomable.config.Settings;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.deploy.ClusterConnector;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import io.jenkins.plugins.fathomable.core.source.Proxies;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code FathomableServices.connect}: a client for the configured environment a release targets. */
class EnvironmentClustersTest {

    @TempDir
    Path serviceAccount;

    private static EnvironmentEntry env(String name) {
        return new EnvironmentEntry(name, "shop-" + name);
    }

    private EnvironmentClusters clusters(List<EnvironmentEntry> entries) throws Exception {
        Files.writeString(serviceAccount.resolve("token"), "pod-token\n");
        Map<String, String> podEnv = Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "6443");
        ClusterConnector connector = new ClusterConnector(
                id -> "prod-token".equals(id) ? Optional.of(new Credential.Token(Secret.of("s3cr3t"))) : Optional.empty(),
                podEnv::get, serviceAccount, Proxies.system());
        return new EnvironmentClusters(Settings.clusters(entries), connector);
    }

    @Test
    void anEnvironmentWithAServerUrlConnectsThereWithItsTokenCredential() throws Exception {
        EnvironmentEntry prod = env("prod");
        prod.setServerUrl("https://kube.example.com:6443");
        prod.setCredentialsId("prod-token");

        try (KubernetesClient client = clusters(List.of(prod)).connect(new KubernetesTarget("prod", "shop-prod"))) {
            assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://kube.example.com:6443");
            assertThat(client.getConfiguration().getOauthToken()).isEqualTo("s3cr3t");
        }
    }

    @Test
    void anInClusterEnvironmentUsesThePodsServiceAccount() throws Exception {
        EnvironmentEntry dev = env("dev");
        dev.setInCluster(true);

        try (KubernetesClient client = clusters(List.of(dev)).connect(new KubernetesTarget("dev", "shop-dev"))) {
            assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://10.0.0.1:6443");
        }
    }

    @Test
    void withoutEnvironmentsTheDefaultFlowsClusterIsTheOneJenkinsRunsIn() throws Exception {
        try (KubernetesClient client = clusters(List.of()).connect(new KubernetesTarget("default", "dev"))) {
            assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://10.0.0.1:6443");
        }
    }

    @Test
    void aTargetOfNoConfiguredEnvironmentIsRefusedNamingTheKnownOnes() throws Exception {
        EnvironmentEntry dev = env("dev");
        dev.setInCluster(true);
        EnvironmentClusters clusters = clusters(List.of(dev));

        assertThatThrownBy(() -> clusters.connect(new KubernetesTarget("staging", "shop")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("no environment named 'staging'").hasMessageContaining("configured: dev");
    }

    @Test
    void anUnknownTokenCredentialIsNamed() throws Exception {
        EnvironmentEntry prod = env("prod");
        prod.setServerUrl("https://kube.example.com:6443");
        prod.setCredentialsId("gone");
        EnvironmentClusters clusters = clusters(List.of(prod));

        assertThatThrownBy(() -> clusters.connect(new KubernetesTarget("prod", "shop-prod")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("'gone'");
    }
}
