package io.jenkins.plugins.fathomable.e2e.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/** What the built {@code fathomable.hpi} declares: its manifest's version, Jenkins floor and plugin dependencies. */
public record PluginArchive(String version, String jenkinsVersion, Map<String, String> dependencies) {

    public static PluginArchive read(Path hpi) throws IOException {
        try (JarFile jar = new JarFile(hpi.toFile()); InputStream in = jar.getInputStream(jar.getEntry("META-INF/MANIFEST.MF"))) {
            var main = new Manifest(in).getMainAttributes();
            Map<String, String> deps = new LinkedHashMap<>();
            String declared = main.getValue("Plugin-Dependencies");
            if (declared != null && !declared.isBlank()) {
                Arrays.stream(declared.split(",")).map(String::trim).forEach(d -> {
                    String idAndVersion = d.split(";")[0];
                    deps.put(idAndVersion.substring(0, idAndVersion.indexOf(':')), idAndVersion.substring(idAndVersion.indexOf(':') + 1));
                });
            }
            return new PluginArchive(main.getValue("Plugin-Version"), main.getValue("Jenkins-Version"), deps);
        }
    }

    /** How many classes {@code WEB-INF/lib/JAR} of the .hpi holds (module-info aside). */
    public static int classCount(Path hpi, String jar) throws IOException {
        try (JarFile outer = new JarFile(hpi.toFile());
                JarInputStream inner = new JarInputStream(outer.getInputStream(outer.getEntry("WEB-INF/lib/" + jar)))) {
            int count = 0;
            for (JarEntry e = inner.getNextJarEntry(); e != null; e = inner.getNextJarEntry()) {
                if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) {
                    count++;
                }
            }
            return count;
        }
    }
}
