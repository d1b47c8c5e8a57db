package io.jenkins.plugins.fathomable.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Carries settings saved before the configuration classes moved to this package. XStream names the file and its
 * elements after the classes, so the old file would be ignored and the old names would not resolve; it is rewritten
 * once under the new names (the old file is kept, renamed, for a downgrade).
 */
final class LegacyConfigFile {

    private static final Logger LOG = Logger.getLogger(LegacyConfigFile.class.getName());

    private static final String OLD_PACKAGE = "io.jenkins.plugins.fathomable.";
    private static final Pattern OLD_NAMES = Pattern.compile(Pattern.quote(OLD_PACKAGE)
            + "(?=(FathomableConfiguration|TrackerConfig|RegistryEntry|EnvironmentEntry)\\b)");

    private LegacyConfigFile() {
    }

    /**
     * Moves {@code <root>/<old class name>.xml} to the new name unless a file with the new name exists already. A
     * failure is logged, not thrown: Jenkins would drop the whole extension, and the old file is still there.
     */
    static void migrate(Path jenkinsRoot) {
        Path old = jenkinsRoot.resolve(OLD_PACKAGE + "FathomableConfiguration.xml");
        Path current = jenkinsRoot.resolve(FathomableConfiguration.class.getName() + ".xml");
        if (!Files.isRegularFile(old) || Files.exists(current)) {
            return;
        }
        try {
            String xml = Files.readString(old, StandardCharsets.UTF_8);
            Path tmp = Files.createTempFile(jenkinsRoot, "fathomable", ".tmp");
            Files.writeString(tmp, OLD_NAMES.matcher(xml).replaceAll(OLD_PACKAGE + "config."), StandardCharsets.UTF_8);
            Files.move(tmp, current, StandardCopyOption.ATOMIC_MOVE);
            Files.move(old, old.resolveSibling(old.getFileName() + ".moved"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Fathomable: cannot carry over the settings in " + old, e);
        }
    }
}
