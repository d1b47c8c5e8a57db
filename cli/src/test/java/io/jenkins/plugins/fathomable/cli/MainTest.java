package io.jenkins.plugins.fathomable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    @Test
    void helpPrintsUsageAndExitsZero() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        int code = cmd.execute("--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: fathomable").contains("--version");
    }

    /** Issue 13, item 8: it printed "development" from the built jar. */
    @Test
    void versionIsTheProjectVersion() {
        CliRun run = CliRun.of("-V");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("fathomable " + System.getProperty("project.version"))
                .doesNotContain("development").doesNotContain("$");
    }
}
