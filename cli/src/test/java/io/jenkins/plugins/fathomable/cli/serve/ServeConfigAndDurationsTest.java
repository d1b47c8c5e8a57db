package io.jenkins.plugins.fathomable.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeConfigAndDurationsTest {

    @TempDir
    Path dir;

    private ServeConfigFile read(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return ServeConfigFile.read(f);
    }

    @Test
    void readsShortAndIsoDurations() {
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("pt2s")).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> Durations.parse("2 minutes")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Durations.parse("0m")).hasMessageContaining("longer than zero");
        assertThatThrownBy(() -> Durations.parse("-PT1S")).hasMessageContaining("longer than zero");
    }

    @Test
    void anEmptyFileKeepsEveryDefault() throws Exception {
        assertThat(read("")).isEqualTo(ServeConfigFile.EMPTY);
        assertThat(read("# nothing yet\n")).isEqualTo(ServeConfigFile.EMPTY);
    }

    @Test
    void readsEverySetting() throws Exception {
        ServeConfigFile c = read("""
                githubApiUrl: http://127.0.0.1:8089/api/v3
                pollInterval: PT10S
                environments:
                  - dev
                  - prod
                registries:
                  - host: ghcr.io
                    credentialsId: ghcr-token
                """);
        assertThat(c.githubApiUrl()).hasToString("http://127.0.0.1:8089/api/v3");
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.environments()).extracting(ServeSettings.Environment::name).containsExactly("dev", "prod");
        assertThat(c.registries()).containsExactly(new ServeSettings.Registry("ghcr.io", "ghcr-token", false));
    }

    @Test
    void reportsEveryProblemWithItsLineAndColumn() throws Exception {
        assertThatThrownBy(() -> read("""
                githubApiUrl: ftp://example
                environments: []
                registries:
                  - credentialsId: x
                    plainHttp: maybe
                    port: 5000
                """)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                .extracting(FieldError::toString)
                .containsExactly(
                        "githubApiUrl: must be an http(s) URL such as https://github.example.com/api/v3 (line 1, column 15)",
                        "environments: must be a non-empty list of names or mappings, in release order (line 2, column 15)",
                        "registries[0].plainHttp: must be true or false (line 5, column 16)",
                        "registries[0].port: unknown key; known keys: credentialsId, host, maxConcurrent, passwordEnv, passwordFile, "
                                + "plainHttp, requestsPerSecond, username (line 6, column 5)",
                        "registries[0].host: is required, e.g. ghcr.io or 127.0.0.1:5000 (line 4, column 5)"));
    }

    @Test
    void badYamlNamesTheSpot() {
        assertThatThrownBy(() -> read("pollInterval: [1m\n")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors().get(0).line()).isPositive());
        assertThatThrownBy(() -> read("- just\n- a list\n")).hasMessageContaining("(root): must be a mapping");
    }
}
