package io.jenkins.plugins.fathomable.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version the build wrote into {@code version.properties} (from the project's version). */
final class VersionProvider implements CommandLine.IVersionProvider {

    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"fathomable " + version()};
    }
}
