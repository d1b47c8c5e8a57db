package io.jenkins.plugins.fathomable.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.source.github.GitHubLimits;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code github:} section of the {@code serve} config file: the request budget per credential. */
class ServeGitHubBudgetTest {

    @TempDir
    Path dir;

    private ServeConfigFile read(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return ServeConfigFile.read(f);
    }

    private ServeSettings settings(String yaml) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        ServeCommand serve = new ServeCommand();
        new picocli.CommandLine(serve).parseArgs("--config", f.toString(), "--state-dir", dir.resolve("state").toString());
        return serve.settings();
    }

    @Test
    void absentMeansGitHubsDefaultsAndEachKeyMayBeGivenAlone() throws Exception {
        assertThat(read("pollInterval: 30s\n").github()).isNull();
        assertThat(settings("pollInterval: 30s\n").github()).isEqualTo(GitHubLimits.DEFAULT)
                .isEqualTo(new GitHubLimits(900, 2000, 10));
        assertThat(settings("github: {maxInFlight: 3}\n").github()).isEqualTo(new GitHubLimits(900, 2000, 3));

        assertThat(read("github:\n  restPointsPerMinute: 600\n").github()).isEqualTo(new GitHubLimits(600, 2000, 10));
        assertThat(read("github: {graphqlPointsPerMinute: 500, maxInFlight: 4, restPointsPerMinute: 300}\n").github())
                .isEqualTo(new GitHubLimits(300, 500, 4));
    }

    @Test
    void badValuesNameTheKeyLineAndColumn() {
        assertThatThrownBy(() -> read("""
                github:
                  restPointsPerMinute: lots
                  maxInFlight: 500
                  burst: 3
                """)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsExactly(
                new FieldError("github.restPointsPerMinute", "must be a whole number", 2, 24),
                new FieldError("github.maxInFlight", "must be a whole number from 1 to 100, got 500", 3, 16),
                new FieldError("github.burst", "unknown key; known keys: graphqlPointsPerMinute, maxInFlight,"
                        + " restPointsPerMinute", 4, 3)));
        assertThatThrownBy(() -> read("github: 900\n")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors().get(0).field()).isEqualTo("github"));
    }
}
