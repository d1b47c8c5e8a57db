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

    /** Issue 13, item 8: validate and serve decode alike; the bad byte's place is named. */
    @Test
    void aFileThatIsNotUtf8IsRefusedWithItsLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "apiVersion: fathomable.io/v1\nkind: Caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CliRun run = CliRun.of("validate", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(file + ": document: is not valid UTF-8: byte 0xe9 at offset 38 cannot start or"
                + " continue a character; save the file as UTF-8 (line 2, column 10)" + System.lineSeparator());
    }

    /** Issue 13, item 8: a value with line breaks must not break the one-problem-per-line output. */
    @Test
    void valuesWithLineBreaksStayOnTheirProblemsLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("breaks.yaml");
        Files.writeString(file, "apiVersion: \"fathomable.io/v1\\n" + file + ": valid\"\nkind: \"A\\r\\nB\"\n");
        CliRun run = CliRun.of("validate", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith(file + ": "));
        assertThat(run.err().lines()).contains(file + ": apiVersion: must be fathomable.io/v1, got 'fathomable.io/v1\\n"
                + file + ": valid' (line 1, column 13)");
    }

    @Test
    void withoutAFileItIsAUsageError() {
        CliRun run = CliRun.of("validate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter");
    }
}
