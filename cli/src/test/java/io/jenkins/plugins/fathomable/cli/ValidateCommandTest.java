package io.jenkins.plugins.fathomable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void everyExampleIsValid() {
        for (String name : new String[] {"web-service", "worker", "cron-job", "stateful-service"}) {
            Path file = EXAMPLES.resolve(name + ".yaml");
            CliRun run = CliRun.of("validate", file.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo(file + ": valid" + System.lineSeparator());
        }
    }

    @Test
    void printsEveryErrorOnItsOwnLineAndExitsOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fathomable.yaml");
        Files.writeString(file, """
                apiVersion: fathomable.io/v1
                kind: Application
                metadata:
                  name: app
                spec:
                  pattern: web-service
                  image:
                    repository: ghcr.io/acme/app
                    tag: 1.10
                  ports:
                    - name: http
                      port: 8080
                    - name: admin
                      port: 70000
                """);
        CliRun run = CliRun.of("validate", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                file + ": spec.image.tag: must be a string, got a number (quote it) (line 9, column 10)",
                file + ": spec.ports[1].port: must be 1..65535 (line 14, column 13)");
    }

    @Test
    void aMissingFileIsAnError(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");
        CliRun run = CliRun.of("validate", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(file + ": document: does not exist" + System.lineSeparator());
    }

    @Test
    void aHugeFileIsRefusedWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.yaml");
        Files.writeString(file, "# " + "x".repeat(5 * 1024 * 1024));
        CliRun run = CliRun.of("validate", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(file + ": document: is " + Files.size(file)
                + " bytes; at most 1048576 characters (1 MiB) are accepted" + System.lineSeparator());
    }

    @Test
    void withoutAFileItIsAUsageError() {
        CliRun run = CliRun.of("validate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter");
    }
}
