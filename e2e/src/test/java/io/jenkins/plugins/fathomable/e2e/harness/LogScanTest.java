package io.jenkins.plugins.fathomable.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The log scan finds what must fail the suite, in the format Jenkins writes, and nothing else. */
class LogScanTest {

    private static final String LOG = """
            SLF4J: Failed to load class "org.slf4j.impl.StaticLoggerBinder".
            LAUNCHER: started
            Dec 07, 2026 2:30:18 AM jenkins.model.Jenkins <init>
            INFO: Starting version 2.541.2
            Dec 07, 2026 2:30:54 AM hudson.model.DownloadService$Downloadable updateNow
            WARNING: No tool installer metadata found for hudson.tasks.Maven.MavenInstaller
            Dec 07, 2026 2:31:02 AM hudson.ExtensionFinder$GuiceFinder$FaultTolerantScope$1 error
            WARNING: Failed to instantiate Key[type=io.jenkins.plugins.fathomable.engine.FathomablePoller, annotation=[none]]
            java.lang.NullPointerException
            \tat io.jenkins.plugins.fathomable.engine.FathomablePoller.<init>(FathomablePoller.java:20)
            Dec 07, 2026 2:31:03 AM hudson.init.impl.InstallUncaughtExceptionHandler handleException
            INFO: Caught unhandled exception with ID 4711
            java.lang.NoSuchMethodError: 'void hudson.model.Descriptor.load()'
            \tat io.jenkins.plugins.fathomable.config.FathomableConfiguration.<init>(FathomableConfiguration.java:44)
            Dec 07, 2026 2:31:04 AM org.kohsuke.stapler.Facet$1 run
            INFO: failed
            org.apache.commons.jelly.JellyTagException: jar:file:/x/fathomable.jar!/io/x/config.jelly:5:40: <f:entry> no such field
            Dec 07, 2026 2:31:05 AM jenkins.InitReactorRunner$1 onTaskFailed
            SEVERE: Failed Loading plugin Fathomable v0.1.0 (fathomable)
            java.io.IOException: Failed to load: Fathomable
            Dec 07, 2026 2:31:06 AM hudson.lifecycle.Lifecycle onReady
            INFO: Jenkins is fully up and running
            """;

    @Test
    void splitsRecordsWithTheirLevelAndStackTrace() {
        List<LogRecord> records = LogRecord.parse("jenkins.log", LOG);
        assertThat(records).extracting(LogRecord::level)
                .containsExactly(null, null, "INFO", "WARNING", "WARNING", "INFO", "INFO", "SEVERE", "INFO");
        LogRecord npe = records.get(4);
        assertThat(npe.line()).isEqualTo(7);
        assertThat(npe.header()).contains("GuiceFinder");
        assertThat(npe.text()).startsWith("Failed to instantiate").contains("FathomablePoller.java:20");
        assertThat(records.get(8).message()).isEqualTo("Jenkins is fully up and running");
    }

    @Test
    void severeFathomableWarningsLinkageAndJellyErrorsAreProblemsOtherWarningsAreOnlyCounted() {
        LogScan.Result result = LogScan.scan(LogRecord.parse("jenkins.log", LOG), List.of());
        assertThat(result.warnings()).hasSize(2);
        assertThat(result.problems()).extracting(LogRecord::message).containsExactly(
                "Failed to instantiate Key[type=io.jenkins.plugins.fathomable.engine.FathomablePoller, annotation=[none]]",
                "Caught unhandled exception with ID 4711",
                "failed",
                "Failed Loading plugin Fathomable v0.1.0 (fathomable)");
        assertThat(result.clean()).isFalse();
        assertThat(result.report(List.of())).startsWith("4 problem(s), 2 warning(s), 0 tolerated")
                .contains("jenkins.log:11 INFO").contains("NoSuchMethodError");
    }

    @Test
    void aToleratedRecordIsListedWithItsReasonInsteadOfFailing() {
        List<LogScan.Tolerated> tolerations = List.of(
                new LogScan.Tolerated(Pattern.compile("Failed Loading plugin Fathomable"), "provoked by the test"));
        LogScan.Result result = LogScan.scan(LogRecord.parse("jenkins.log", LOG), tolerations);
        assertThat(result.problems()).hasSize(3);
        assertThat(result.tolerated()).extracting(LogRecord::level).containsExactly("SEVERE");
        assertThat(result.report(tolerations)).contains("tolerated (provoked by the test) jenkins.log:18 SEVERE");
    }

    @Test
    void aCleanBootIsClean() {
        String clean = """
                Dec 07, 2026 2:30:18 AM jenkins.model.Jenkins <init>
                INFO: Starting version 2.541.2
                Dec 07, 2026 2:30:54 AM hudson.model.DownloadService$Downloadable updateNow
                WARNING: No tool installer metadata found for hudson.tasks.Maven.MavenInstaller
                """;
        LogScan.Result result = LogScan.scan(LogRecord.parse("jenkins.log", clean), List.of());
        assertThat(result.clean()).isTrue();
        assertThat(result.warnings()).hasSize(1);
    }
}
