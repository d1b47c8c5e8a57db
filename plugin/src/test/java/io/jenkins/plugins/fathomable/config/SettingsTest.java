package io.jenkins.plugins.fathomable.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.deploy.ClusterConfig;
import io.jenkins.plugins.fathomable.core.release.EnvironmentConfig;
import io.jenkins.plugins.fathomable.core.release.FlowConfig;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryConfig;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static EnvironmentEntry env(String name, int order) {
        EnvironmentEntry e = new EnvironmentEntry(name, "apps-" + name);
        e.setOrder(order);
        e.setInCluster(true);
        return e;
    }

    private static List<String> fields(Runnable r) {
        try {
            r.run();
        } catch (ValidationException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
        throw new AssertionError("expected a ValidationException");
    }

    @Test
    void environmentsAreOrderedByOrderThenByPosition() {
        FlowConfig flow = Settings.flow(List.of(env("prod", 30), env("dev", 10), env("ha", 20), env("preprod", 20)));

        assertThat(flow.names()).containsExactly("dev", "ha", "preprod", "prod");
        assertThat(flow.first().target().namespace()).isEqualTo("apps-dev");
        assertThat(flow.first().target().cluster()).as("the cluster reference is the environment name").isEqualTo("dev");
    }

    @Test
    void anEnvironmentMapsSoakWindowAndApproval() {
        EnvironmentEntry prod = env("prod", 0);
        prod.setSoakMinutes(90);
        prod.setApprovalRequired(true);
        prod.setWindowCron("0 9 * * 1-5");
        prod.setWindowTimeZone("Europe/Berlin");
        prod.setWindowMinutes(480);

        EnvironmentConfig config = Settings.flow(List.of(prod)).first();

        assertThat(config.minSoak()).isEqualTo(Duration.ofMinutes(90));
        assertThat(config.approvalRequired()).isTrue();
        assertThat(config.windows()).singleElement().satisfies(w -> {
            assertThat(w.cron()).isEqualTo("0 9 * * 1-5");
            assertThat(w.timeZone()).isEqualTo("Europe/Berlin");
            assertThat(w.duration()).isEqualTo(Duration.ofHours(8));
        });
        // Monday 2026-11-30 10:00 Berlin is inside, 18:00 is outside
        assertThat(config.windowOpen(Instant.parse("2026-11-30T09:00:00Z"))).isTrue();
        assertThat(config.windowOpen(Instant.parse("2026-11-30T17:00:00Z"))).isFalse();
    }

    @Test
    void noEnvironmentsMeansTheDefaultFlowOnTheClusterJenkinsRunsIn() {
        assertThat(Settings.flow(List.of()).names()).containsExactly("dev", "ha", "preprod", "prod");
        assertThat(Settings.clusters(List.of())).containsEntry("default", new ClusterConfig.InCluster());
    }

    @Test
    void everyBadEnvironmentFieldIsNamedWithItsEntry() {
        EnvironmentEntry bad = new EnvironmentEntry("Prod!", "Not_A_Namespace");
        bad.setWindowCron("every day");
        bad.setSoakMinutes(-1);
        bad.setServerUrl("http://kube.example.com");
        bad.setCredentialsId("kube-token");

        assertThat(fields(() -> Settings.flow(List.of(env("dev", 0), bad)))).contains("environments[1].name",
                "environments[1].namespace", "environments[1].windowCron", "environments[1].windowMinutes",
                "environments[1].soakMinutes", "environments[1].serverUrl");
    }

    @Test
    void duplicateEnvironmentNamesAreRefused() {
        assertThat(fields(() -> Settings.flow(List.of(env("dev", 0), env("dev", 1))))).containsExactly("environments");
    }

    @Test
    void clustersAreAServerTokenOrInCluster() {
        EnvironmentEntry remote = new EnvironmentEntry("prod", "payments");
        remote.setServerUrl("https://kube.example.com:6443");
        remote.setCredentialsId("prod-sa-token");

        assertThat(Settings.clusters(List.of(env("dev", 0), remote)))
                .containsEntry("dev", new ClusterConfig.InCluster())
                .containsEntry("prod", new ClusterConfig.ServerToken("https://kube.example.com:6443", "prod-sa-token",
                        null, false));
    }

    @Test
    void aServerUrlNeedsATokenAndInClusterNeedsNoUrl() {
        EnvironmentEntry noToken = new EnvironmentEntry("prod", "payments");
        noToken.setServerUrl("https://kube.example.com:6443");
        EnvironmentEntry both = env("dev", 0);
        both.setServerUrl("https://kube.example.com:6443");

        assertThat(fields(noToken::toCluster)).containsExactly("credentialsId");
        assertThat(fields(both::toCluster)).containsExactly("serverUrl");
    }

    @Test
    void registriesMapToCoreWithTheirLimits() {
        RegistryEntry ghcr = new RegistryEntry(" GHCR.io ");
        ghcr.setCredentialsId("ghcr-token");
        ghcr.setMaxConcurrent(2);
        ghcr.setRequestsPerSecond(0.5);

        RegistryConfig config = Settings.registries(List.of(ghcr));

        RegistryConfig.Registry r = config.forHost("ghcr.io");
        assertThat(r.credentialsId()).isEqualTo("ghcr-token");
        assertThat(r.limits().maxConcurrent()).isEqualTo(2);
        assertThat(r.limits().requestsPerSecond()).isEqualTo(0.5);
        assertThat(r.insecure()).isFalse();
        assertThat(config.forHost("docker.io").credentialsId()).as("unlisted: anonymous").isNull();
    }

    @Test
    void badRegistriesAreNamedWithTheirEntry() {
        RegistryEntry url = new RegistryEntry("https://ghcr.io/acme");
        RegistryEntry limits = new RegistryEntry("ghcr.io");
        limits.setMaxConcurrent(0);
        limits.setRequestsPerSecond(0);

        assertThat(fields(() -> Settings.registries(List.of(url, limits, new RegistryEntry("ghcr.io")))))
                .containsExactly("registries[0].host", "registries[1].maxConcurrent", "registries[1].requestsPerSecond");
        assertThat(fields(() -> Settings.registries(List.of(new RegistryEntry("ghcr.io"), new RegistryEntry("ghcr.io")))))
                .containsExactly("registries[1].host");
    }

    @Test
    void theAllowListIsParsedAndChecked() {
        assertThat(Settings.allowedHosts("ghcr.io, Registry.Example.com:5000\n docker.io"))
                .containsExactlyInAnyOrder("ghcr.io", "registry.example.com:5000", "docker.io");
        assertThat(Settings.allowedHosts("  ")).isEmpty();
        assertThat(Settings.allowedHosts(null)).isEmpty();
        assertThat(fields(() -> Settings.allowedHosts("ghcr.io https://evil.example/x"))).containsExactly("allowedRegistryHosts");
    }

    @Test
    void theGitHubEndpointDefaultsToGithubComAndMustBeHttps() {
        assertThat(Settings.githubApiUrl(null)).isEqualTo("https://api.github.com");
        assertThat(Settings.githubApiUrl("https://github.example.com/api/v3/")).isEqualTo("https://github.example.com/api/v3");
        assertThat(fields(() -> Settings.githubApiUrl("http://github.example.com/api/v3"))).containsExactly("githubApiUrl");
        assertThat(fields(() -> Settings.githubApiUrl("not a url"))).containsExactly("githubApiUrl");
    }

    @Test
    void plainHttpIsAllowedOnlyForLoopbackAddresses() {
        assertThat(Settings.githubApiUrl("http://127.0.0.1:8089/")).isEqualTo("http://127.0.0.1:8089");
        assertThat(Settings.githubApiUrl("http://127.1.2.3:80/api/v3")).isEqualTo("http://127.1.2.3:80/api/v3");
        assertThat(Settings.githubApiUrl("HTTP://LocalHost:8089")).isEqualTo("HTTP://LocalHost:8089");
        assertThat(Settings.githubApiUrl("http://[::1]:8089")).isEqualTo("http://[::1]:8089");
        for (String remote : List.of("http://10.0.0.1", "http://127.0.0.1.example.com", "http://localhost.example.com",
                "http://128.0.0.1", "http://127.0.0.256", "http://[::2]:8089", "ftp://127.0.0.1", "http:///x")) {
            assertThat(fields(() -> Settings.githubApiUrl(remote))).as(remote).containsExactly("githubApiUrl");
        }
    }

    @Test
    void trackerConfigMapsToCoreTrackerWithItsCredentialsId() {
        TrackerConfig config = new TrackerConfig("payments.api", "acme/payments-api", "deploy/fathomable.yaml");
        config.setTag("v1.2.0");
        config.setCredentialsId("github-token");

        var tracker = config.toTracker();

        assertThat(tracker.id()).hasToString("payments.api");
        assertThat(tracker.credentialsId()).isEqualTo("github-token");
        assertThat(tracker.ref().value()).isEqualTo("v1.2.0");
    }
}
