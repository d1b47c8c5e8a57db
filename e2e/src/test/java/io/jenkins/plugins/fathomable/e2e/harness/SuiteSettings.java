package io.jenkins.plugins.fathomable.e2e.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Where the suite finds what the build made and puts what it writes; set by the e2e pom's failsafe configuration. */
public final class SuiteSettings {

    private SuiteSettings() {
    }

    /** {@code plugin/target/fathomable.hpi}. */
    public static Path hpi() {
        Path hpi = Path.of(System.getProperty("fathomable.hpi", "../plugin/target/fathomable.hpi")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(hpi)) {
            throw new IllegalStateException(hpi + " is missing: build the plugin first (mvn -B -ntp verify builds it before this module)");
        }
        return hpi;
    }

    /** The version the build gave the plugin ({@code Plugin-Version}). */
    public static String pluginVersion() {
        return System.getProperty("fathomable.version", "0.1.0-SNAPSHOT");
    }

    /** The repository's root folder (docs, plugin sources). */
    public static Path sources() {
        return Path.of(System.getProperty("fathomable.sources", "..")).toAbsolutePath().normalize();
    }

    /** {@code e2e/target/e2e}: one folder per group (home, Configuration as Code files, screenshots). */
    public static Path workDir() {
        return Path.of(System.getProperty("e2e.work", "target/e2e")).toAbsolutePath().normalize();
    }

    /** How long one boot may take; generous, since other builds may share the machine's two cores. */
    public static Duration bootTimeout() {
        return Duration.ofSeconds(Long.getLong("e2e.bootTimeoutSeconds", 240));
    }
}
