package io.jenkins.plugins.fathomable.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacyConfigFileTest {

    private static final String OLD_FILE = "io.jenkins.plugins.fathomable.FathomableConfiguration.xml";
    private static final String NEW_FILE = "io.jenkins.plugins.fathomable.config.FathomableConfiguration.xml";
    /** As XStream wrote it before the move (element names are class names). */
    private static final String SAVED = """
            <?xml version='1.1' encoding='UTF-8'?>
            <io.jenkins.plugins.fathomable.FathomableConfiguration plugin="fathomable@1.0">
              <trackers>
                <io.jenkins.plugins.fathomable.TrackerConfig>
                  <id>payments.api</id>
                  <repo>acme/io.jenkins.plugins.fathomable.Other</repo>
                </io.jenkins.plugins.fathomable.TrackerConfig>
              </trackers>
              <registries>
                <io.jenkins.plugins.fathomable.RegistryEntry><host>ghcr.io</host></io.jenkins.plugins.fathomable.RegistryEntry>
              </registries>
              <environments>
                <io.jenkins.plugins.fathomable.EnvironmentEntry><name>dev</name></io.jenkins.plugins.fathomable.EnvironmentEntry>
              </environments>
              <pollIntervalMinutes>5</pollIntervalMinutes>
            </io.jenkins.plugins.fathomable.FathomableConfiguration>
            """;

    @TempDir
    Path root;

    @Test
    void settingsSavedUnderTheOldClassNamesAreRewrittenUnderTheNewOnes() throws Exception {
        Files.writeString(root.resolve(OLD_FILE), SAVED);

        LegacyConfigFile.migrate(root);

        assertThat(root.resolve(OLD_FILE)).doesNotExist();
        assertThat(root.resolve(OLD_FILE + ".moved")).hasContent(SAVED);
        String xml = Files.readString(root.resolve(NEW_FILE));
        assertThat(xml).startsWith("<?xml").contains(
                "<io.jenkins.plugins.fathomable.config.FathomableConfiguration plugin=\"fathomable@1.0\">",
                "</io.jenkins.plugins.fathomable.config.FathomableConfiguration>",
                "<io.jenkins.plugins.fathomable.config.TrackerConfig>",
                "</io.jenkins.plugins.fathomable.config.TrackerConfig>",
                "<io.jenkins.plugins.fathomable.config.RegistryEntry>",
                "<io.jenkins.plugins.fathomable.config.EnvironmentEntry>",
                // only the four moved classes are renamed
                "<repo>acme/io.jenkins.plugins.fathomable.Other</repo>");
        assertThat(xml.replace("io.jenkins.plugins.fathomable.config.", "")).doesNotContain(
                "io.jenkins.plugins.fathomable.FathomableConfiguration", "io.jenkins.plugins.fathomable.TrackerConfig",
                "io.jenkins.plugins.fathomable.RegistryEntry", "io.jenkins.plugins.fathomable.EnvironmentEntry");
    }

    @Test
    void settingsSavedUnderTheNewNameAreLeftAlone() throws Exception {
        Files.writeString(root.resolve(OLD_FILE), SAVED);
        Files.writeString(root.resolve(NEW_FILE), "<current/>");

        LegacyConfigFile.migrate(root);

        assertThat(root.resolve(NEW_FILE)).hasContent("<current/>");
        assertThat(root.resolve(OLD_FILE)).hasContent(SAVED);
    }

    @Test
    void withoutOldSettingsNothingIsWritten() throws Exception {
        LegacyConfigFile.migrate(root);

        try (var files = Files.list(root)) {
            assertThat(files).isEmpty();
        }
    }
}
