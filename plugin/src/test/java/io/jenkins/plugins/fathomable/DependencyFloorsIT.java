package io.jenkins.plugins.fathomable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.util.VersionNumber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The floors the built .hpi declares ({@code Jenkins-Version}, {@code Plugin-Dependencies}) against the real Jenkins
 * of {@code ../shared/jenkins}, compared the way Jenkins compares them when it loads a plugin
 * ({@link VersionNumber}, from the real jenkins-core): a controller of that line must be able to load the plugin.
 */
class DependencyFloorsIT {

    /** A plugin of the runtime: its version and the core it requires. */
    private record Installed(String version, String jenkinsVersion) {
    }

    private static Attributes ours;
    private static String runtimeCore;
    private static final Map<String, Installed> RUNTIME = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        Path jenkins = Paths.get(System.getProperty("fathomable.shared.jenkins", "../../shared/jenkins"));
        // only -Pjenkins builds the plugin without ../shared/jenkins; there is nothing to compare with then
        assumeTrue(Files.isDirectory(jenkins.resolve("plugins")), "no real Jenkins at " + jenkins);
        ours = manifest(Paths.get(System.getProperty("fathomable.hpi")));
        runtimeCore = manifest(jenkins.resolve("war/META-INF/MANIFEST.MF")).getValue("Jenkins-Version");
        assertThat(runtimeCore).as("Jenkins-Version of %s/war", jenkins).isNotBlank();
        try (Stream<Path> files = Files.list(jenkins.resolve("plugins"))) {
            for (Path jpi : files.filter(p -> p.toString().endsWith(".jpi") || p.toString().endsWith(".hpi")).toList()) {
                Attributes a = manifest(jpi);
                RUNTIME.put(a.getValue("Short-Name"), new Installed(a.getValue("Plugin-Version"), a.getValue("Jenkins-Version")));
            }
        }
        assertThat(RUNTIME).as("plugins of %s", jenkins).isNotEmpty();
    }

    @Test
    void jenkinsVersionIsNotNewerThanTheRuntimeCore() {
        VersionNumber floor = new VersionNumber(ours.getValue("Jenkins-Version"));
        assertThat(new VersionNumber(runtimeCore).isOlderThan(floor))
                .as("Jenkins-Version %s is newer than the runtime's Jenkins %s", floor, runtimeCore).isFalse();
    }

    @Test
    void everyDependencyIsInstalledAndNotOlderThanItsFloor() {
        List<String> problems = new ArrayList<>();
        for (String[] d : dependencies()) {
            Installed installed = RUNTIME.get(d[0]);
            boolean optional = d.length > 2;
            if (installed == null) {
                if (!optional) {
                    problems.add(d[0] + " is not installed in the runtime");
                }
            } else if (new VersionNumber(installed.version()).isOlderThan(new VersionNumber(d[1]))) {
                problems.add(d[0] + ":" + d[1] + " is newer than the runtime's " + installed.version());
            }
        }
        assertThat(problems).as("Plugin-Dependencies %s", ours.getValue("Plugin-Dependencies")).isEmpty();
    }

    @Test
    void jenkinsVersionCoversWhatTheDependencyFloorsRequire() {
        // known only where the floor is the runtime's own release: then its manifest says which core it needs
        VersionNumber floor = new VersionNumber(ours.getValue("Jenkins-Version"));
        List<String> problems = new ArrayList<>();
        for (String[] d : dependencies()) {
            Installed installed = RUNTIME.get(d[0]);
            if (installed != null && installed.version().equals(d[1]) && installed.jenkinsVersion() != null
                    && floor.isOlderThan(new VersionNumber(installed.jenkinsVersion()))) {
                problems.add(d[0] + ":" + d[1] + " needs Jenkins " + installed.jenkinsVersion());
            }
        }
        assertThat(problems).as("Jenkins-Version %s", floor).isEmpty();
    }

    /** {@code Plugin-Dependencies} as {@code [id, version]} or {@code [id, version, "optional"]}. */
    private static List<String[]> dependencies() {
        List<String[]> result = new ArrayList<>();
        for (String entry : ours.getValue("Plugin-Dependencies").split(",")) {
            String[] parts = entry.split(";");
            String[] idVersion = parts[0].split(":", 2);
            result.add(parts.length > 1 && parts[1].equals("resolution:=optional")
                    ? new String[] {idVersion[0], idVersion[1], "optional"} : idVersion);
        }
        return result;
    }

    private static Attributes manifest(Path file) throws IOException {
        if (file.getFileName().toString().equals("MANIFEST.MF")) {
            try (var in = Files.newInputStream(file)) {
                return new Manifest(in).getMainAttributes();
            }
        }
        try (JarFile jar = new JarFile(file.toFile())) {
            return jar.getManifest().getMainAttributes();
        }
    }
}
