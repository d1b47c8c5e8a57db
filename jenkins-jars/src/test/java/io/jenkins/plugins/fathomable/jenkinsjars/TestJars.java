package io.jenkins.plugins.fathomable.jenkinsjars;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Small real jars and plugin archives, written in memory. */
final class TestJars {

    private TestJars() {
    }

    /** A jar with a class-like entry and a {@code pom.properties} for each of {@code recorded}. */
    static byte[] library(Coordinates... recorded) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("example/Thing.class", new byte[] {(byte) 0xCA, (byte) 0xFE});
        for (Coordinates c : recorded) {
            entries.put("META-INF/maven/" + c.groupId() + "/" + c.artifactId() + "/pom.properties",
                    ("groupId=" + c.groupId() + "\nartifactId=" + c.artifactId() + "\nversion=" + c.version() + "\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
        return jar(null, entries);
    }

    /** A plugin archive: the manifest {@code attributes} and {@code WEB-INF/lib/<name>} for each jar. */
    static byte[] plugin(Map<String, String> attributes, Map<String, byte[]> libs) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        libs.forEach((name, content) -> entries.put("WEB-INF/lib/" + name, content));
        return jar(manifest, entries);
    }

    private static byte[] jar(Manifest manifest, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = manifest == null ? new JarOutputStream(bytes) : new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
