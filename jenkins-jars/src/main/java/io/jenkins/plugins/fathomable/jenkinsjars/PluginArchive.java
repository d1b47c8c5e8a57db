package io.jenkins.plugins.fathomable.jenkinsjars;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One Jenkins plugin archive ({@code .jpi}/{@code .hpi}): its manifest and the jars under {@code WEB-INF/lib}, of which
 * {@code <Short-Name>.jar} holds the plugin's own classes and the others are the libraries it bundles.
 */
final class PluginArchive {

    /** One entry of {@code Plugin-Dependencies}: {@code shortName:version[;resolution:=optional]}. */
    record Dependency(String shortName, String version, boolean optional) {
    }

    /** A jar under {@code WEB-INF/lib}. */
    record Jar(String fileName, byte[] content) {
    }

    private final Path file;
    private final Coordinates coordinates;
    private final String shortName;
    private final List<Dependency> dependencies;
    private final String jenkinsVersion;

    private PluginArchive(Path file, Coordinates coordinates, String shortName, List<Dependency> dependencies,
            String jenkinsVersion) {
        this.file = file;
        this.coordinates = coordinates;
        this.shortName = shortName;
        this.dependencies = dependencies;
        this.jenkinsVersion = jenkinsVersion;
    }

    /** Reads the manifest of {@code file}; fails naming the file and attribute when one the install needs is missing. */
    static PluginArchive read(Path file) throws IOException {
        Manifest manifest;
        try (JarFile jar = new JarFile(file.toFile())) {
            manifest = jar.getManifest();
        }
        if (manifest == null) {
            throw new IOException(file + ": no META-INF/MANIFEST.MF");
        }
        Attributes main = manifest.getMainAttributes();
        String shortName = required(file, main, "Short-Name");
        String artifactId = main.getValue("Artifact-Id") != null ? main.getValue("Artifact-Id").trim() : shortName;
        Coordinates coordinates = new Coordinates(required(file, main, "Group-Id"), artifactId,
                required(file, main, "Plugin-Version"));
        String jenkins = main.getValue("Jenkins-Version") != null ? main.getValue("Jenkins-Version")
                : main.getValue("Hudson-Version");
        return new PluginArchive(file, coordinates, shortName, parseDependencies(main.getValue("Plugin-Dependencies")),
                jenkins == null ? null : jenkins.trim());
    }

    static List<Dependency> parseDependencies(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<Dependency> result = new ArrayList<>();
        for (String entry : value.split(",")) {
            String[] parts = entry.trim().split(";");
            int colon = parts[0].indexOf(':');
            if (colon < 1) {
                continue;
            }
            boolean optional = false;
            for (int i = 1; i < parts.length; i++) {
                optional |= parts[i].trim().equals("resolution:=optional");
            }
            result.add(new Dependency(parts[0].substring(0, colon).trim(), parts[0].substring(colon + 1).trim(), optional));
        }
        return Collections.unmodifiableList(result);
    }

    private static String required(Path file, Attributes main, String name) throws IOException {
        String value = main.getValue(name);
        if (value == null || value.isBlank()) {
            throw new IOException(file + ": the manifest has no " + name);
        }
        return value.trim();
    }

    /** The plugin's own jar and every bundled library, read from the archive. */
    List<Jar> jars() throws IOException {
        List<Jar> jars = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                String name = e.getName();
                if (!e.isDirectory() && name.startsWith("WEB-INF/lib/") && name.endsWith(".jar")
                        && name.indexOf('/', "WEB-INF/lib/".length()) < 0) {
                    try (InputStream in = zip.getInputStream(e)) {
                        jars.add(new Jar(name.substring("WEB-INF/lib/".length()), in.readAllBytes()));
                    }
                }
            }
        }
        return jars;
    }

    String ownJarName() {
        return shortName + ".jar";
    }

    Path file() {
        return file;
    }

    Coordinates coordinates() {
        return coordinates;
    }

    String shortName() {
        return shortName;
    }

    List<Dependency> dependencies() {
        return dependencies;
    }

    /** {@code Jenkins-Version} (or {@code Hudson-Version}), or {@code null}. */
    String jenkinsVersion() {
        return jenkinsVersion;
    }
}
