package io.jenkins.plugins.fathomable.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The examples parse into the model, and environment overrides merge as documented. */
class SpecParserTest {

    static Stream<Path> examples() throws IOException {
        return Examples.all().stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleIsValid(Path example) throws IOException {
        ParseResult result = SpecParser.parse(Files.readString(example));
        assertThat(result.errors()).isEmpty();
        assertThat(example.getFileName().toString()).isEqualTo(result.spec().pattern().id() + ".yaml");
    }

    @Test
    void readsTheWebServiceExample() throws IOException {
        AppSpec spec = parse(DeploymentPattern.WEB_SERVICE);
        assertThat(spec.name()).isEqualTo("payments-api");
        assertThat(spec.image()).isEqualTo(new ImageSpec("ghcr.io/acme/payments-api", "1.4.2", null));
        assertThat(spec.replicas()).isEqualTo(2);
        assertThat(spec.resources().requests()).containsEntry("cpu", "250m").containsEntry("memory", "256Mi");
        assertThat(spec.ports()).containsExactly(new PortSpec("http", 8080, "TCP"), new PortSpec("metrics", 9090, "TCP"));
        assertThat(spec.probes().liveness()).isEqualTo(
                new Probe(Probe.Kind.HTTP, "/healthz", "http", null, null, 10, null, null));
        assertThat(spec.probes().startup().kind()).isEqualTo(Probe.Kind.TCP);
        assertThat(spec.env()).containsExactly(new EnvVar("LOG_LEVEL", "info", null),
                new EnvVar("DB_PASSWORD", null, new EnvVar.SecretKeyRef("payments-db", "password")));
        assertThat(spec.ingress()).isEqualTo(new IngressSpec("payments.example.com", "/", "http",
                "payments-example-com-tls", "nginx"));
        assertThat(spec.environments()).containsOnlyKeys(Environment.DEV, Environment.PREPROD, Environment.PROD);
    }

    @Test
    void anEnvironmentOverridesScalingResourcesEnvAndConfig() throws IOException {
        AppSpec base = parse(DeploymentPattern.WEB_SERVICE);

        AppSpec dev = base.forEnvironment(Environment.DEV);
        assertThat(dev.replicas()).isEqualTo(1);
        assertThat(dev.env()).extracting(EnvVar::name, EnvVar::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("LOG_LEVEL", "debug"),
                        org.assertj.core.groups.Tuple.tuple("DB_PASSWORD", null));
        assertThat(dev.environments()).isEmpty();

        AppSpec ha = base.forEnvironment(Environment.HA);
        assertThat(ha.replicas()).isEqualTo(2);
        assertThat(ha.configFiles()).isEqualTo(base.configFiles());

        AppSpec prod = base.forEnvironment(Environment.PROD);
        assertThat(prod.replicas()).isNull();
        assertThat(prod.autoscaling()).isEqualTo(new Autoscaling(3, 10, 70));
        assertThat(prod.resources().requests()).containsEntry("cpu", "500m").containsEntry("memory", "256Mi");
        assertThat(prod.resources().limits()).containsEntry("cpu", "2").containsEntry("memory", "1Gi");
        assertThat(prod.configFiles()).extracting(ConfigFile::name).containsExactly("app", "prod-only");
        assertThat(prod.configFiles().get(0).mountPath()).isEqualTo("/etc/payments");
        assertThat(prod.configFiles().get(0).files().get("application.yaml")).contains("live: true");
        assertThat(prod.configFiles().get(1).mountPath()).isEqualTo("/etc/payments-prod");
    }

    @Test
    void replicasInAnEnvironmentReplaceBaseAutoscaling() {
        String yaml = SpecParserErrorsTest.BASE + """
                  autoscaling: {minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 60}
                  environments:
                    dev: {replicas: 1}
                """;
        AppSpec spec = SpecParser.parse(yaml).orThrow();
        assertThat(spec.forEnvironment(Environment.DEV).autoscaling()).isNull();
        assertThat(spec.forEnvironment(Environment.DEV).replicas()).isEqualTo(1);
        assertThat(spec.forEnvironment(Environment.PROD).autoscaling()).isEqualTo(new Autoscaling(2, 5, 60));
    }

    @Test
    void environmentsMayEachAddTheSameConfigAtTheSamePath() {
        String yaml = SpecParserErrorsTest.BASE + """
                  environments:
                    preprod:
                      configFiles: [{name: extra, mountPath: /etc/extra, files: {a.txt: preprod}}]
                    prod:
                      configFiles: [{name: extra, mountPath: /etc/extra, files: {a.txt: prod}}]
                """;
        AppSpec spec = SpecParser.parse(yaml).orThrow();
        assertThat(spec.configFiles()).isEmpty();
        assertThat(spec.forEnvironment(Environment.PROD).configFiles())
                .containsExactly(new ConfigFile("extra", "/etc/extra", Map.of("a.txt", "prod")));
        assertThat(spec.forEnvironment(Environment.DEV).configFiles()).isEmpty();
    }

    @Test
    void orThrowCarriesEveryError() {
        ParseResult result = SpecParser.parse("apiVersion: v0\nkind: Thing\n");
        assertThatThrownBy(result::orThrow).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).errors()).hasSize(4));
        assertThat(result.errors()).extracting(e -> e.field())
                .containsExactly("metadata", "spec", "apiVersion", "kind"); // missing fields point at line 1, column 1
    }

    private static AppSpec parse(DeploymentPattern pattern) throws IOException {
        return SpecParser.parse(Files.readString(Examples.of(pattern))).orThrow();
    }
}
