package io.jenkins.plugins.fathomable.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.release.DeployWindow;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environments and registries sections of the {@code serve} config file, and registry logins from it. */
class ServeConfigSectionsTest {

    @TempDir
    Path dir;

    private ServeConfigFile read(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return ServeConfigFile.read(f);
    }

    @Test
    void readsEnvironmentsWithClustersWindowsSoakAndApproval() throws Exception {
        ServeConfigFile c = read("""
                renderOnly: true
                environments:
                  - dev
                  - name: preprod
                    namespace: shop-preprod
                    cluster: {kubeconfig: /etc/kube/config, context: kind-pre}
                  - name: prod
                    cluster: {inCluster: true}
                    windows: [{cron: "0 9 * * 1-5", timeZone: Europe/Berlin, duration: 8h}]
                    soak: 1h
                    approval: true
                registries:
                  - host: ghcr.io
                    username: robot
                    passwordEnv: GHCR_TOKEN
                    requestsPerSecond: 2.5
                    maxConcurrent: 2
                """);
        assertThat(c.renderOnly()).isTrue();
        assertThat(c.environments()).containsExactly(
                new ServeSettings.Environment("dev", "dev", null, List.of(), Duration.ZERO, false),
                new ServeSettings.Environment("preprod", "shop-preprod",
                        new ServeSettings.Cluster(Path.of("/etc/kube/config"), "kind-pre", false), List.of(), null, false),
                new ServeSettings.Environment("prod", null, new ServeSettings.Cluster(null, null, true),
                        List.of(new DeployWindow("0 9 * * 1-5", "Europe/Berlin", Duration.ofHours(8))),
                        Duration.ofHours(1), true));
        assertThat(c.environments().get(2).namespace()).isEqualTo("prod");
        assertThat(c.environments().get(1).cluster().name()).isEqualTo("/etc/kube/config#kind-pre");
        assertThat(c.registries()).containsExactly(new ServeSettings.Registry("ghcr.io", null, false, "robot", null,
                "GHCR_TOKEN", 2.5, 2));
    }

    @Test
    void reportsBadEnvironmentsAndRegistriesByFieldAndLine() throws Exception {
        assertThatThrownBy(() -> read("""
                environments:
                  - staging
                  - name: prod
                    cluster: {kubeconfig: /k, inCluster: true}
                    soak: soon
                    color: blue
                registries:
                  - host: ghcr.io
                    username: robot
                """)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                .extracting(FieldError::toString)
                .containsExactly(
                        "environments[0]: must be one of dev, ha, preprod, prod (the environments fathomable.yaml"
                                + " overrides), got 'staging' (line 2, column 5)",
                        "environments[1].cluster: give either kubeconfig (and optionally context) or inCluster: true"
                                + " (line 4, column 14)",
                        "environments[1].soak: 'soon' is not a duration; use e.g. 2s, 1m, 1h or PT1M (line 5, column 11)",
                        "environments[1].color: unknown key; known keys: approval, cluster, name, namespace, soak,"
                                + " windows (line 6, column 5)",
                        "registries[0].username: needs exactly one of passwordFile and passwordEnv (line 8, column 5)"));
    }

    @Test
    void registryPasswordsAreReadAtEachLookupAndPostedTokensStillResolve() throws Exception {
        Path password = dir.resolve("ghcr-password");
        Files.writeString(password, "first\n");
        CredentialsPort posted = id -> id.equals("fathomable-a.b")
                ? Optional.of(new Credential.Token(Secret.of("posted"))) : Optional.empty();
        ServeCredentials credentials = new ServeCredentials(posted, List.of(
                new ServeSettings.Registry("ghcr.io", null, false, "robot", password.toString(), null, null, null),
                new ServeSettings.Registry("quay.io", null, false, "bot", null, "QUAY_PASSWORD", null, null)),
                Map.of("QUAY_PASSWORD", "from-env")::get);

        assertThat(credentials.lookup(ServeCredentials.registryId("ghcr.io")))
                .contains(new Credential.UsernamePassword("robot", Secret.of("first")));
        Files.writeString(password, "rotated");
        assertThat(credentials.lookup(ServeCredentials.registryId("ghcr.io")))
                .contains(new Credential.UsernamePassword("robot", Secret.of("rotated")));
        assertThat(credentials.lookup(ServeCredentials.registryId("quay.io")))
                .contains(new Credential.UsernamePassword("bot", Secret.of("from-env")));
        assertThat(credentials.lookup("fathomable-a.b")).contains(new Credential.Token(Secret.of("posted")));
        Files.delete(password);
        assertThat(credentials.lookup(ServeCredentials.registryId("ghcr.io"))).isEmpty();
        assertThat(credentials.lookup("unknown")).isEmpty();
    }
}
