package io.jenkins.plugins.fathomable.jenkinsjars;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * Finds the Maven coordinates of a library jar: from the {@code META-INF/maven/**}{@code /pom.properties} Maven writes
 * into every jar it builds, and, for jars built without Maven (Gradle, Ant: Spring, OkHttp, Kotlin, ASM, Groovy ...),
 * from the file name {@code artifactId-version.jar} and a short table of their group ids.
 */
final class JarCoordinates {

    /**
     * Group ids of the libraries that Jenkins 2.541.x and its usual API plugins ship without Maven metadata, by
     * artifactId (an entry ending in {@code *} is a prefix). A new one fails the installation with a message naming it.
     */
    private static final Map<String, String> GROUPS_WITHOUT_METADATA = Map.ofEntries(
            Map.entry("jenkins-core", "org.jenkins-ci.main"),
            Map.entry("cli", "org.jenkins-ci.main"),
            Map.entry("ant", "org.apache.ant"),
            Map.entry("ant-launcher", "org.apache.ant"),
            Map.entry("dom4j", "org.dom4j"),
            Map.entry("groovy-all", "org.codehaus.groovy"),
            Map.entry("guice", "com.google.inject"),
            Map.entry("javax.inject", "javax.inject"),
            Map.entry("jcip-annotations", "net.jcip"),
            Map.entry("jetty-servlet-api", "org.eclipse.jetty.toolchain"),
            Map.entry("jna", "net.java.dev.jna"),
            Map.entry("jspecify", "org.jspecify"),
            Map.entry("relaxngDatatype", "relaxngDatatype"),
            Map.entry("spotbugs-annotations", "com.github.spotbugs"),
            Map.entry("spring-security-*", "org.springframework.security"),
            Map.entry("spring-*", "org.springframework"),
            Map.entry("xpp3", "xpp3"),
            Map.entry("asm", "org.ow2.asm"),
            Map.entry("asm-*", "org.ow2.asm"),
            Map.entry("caffeine", "com.github.ben-manes.caffeine"),
            Map.entry("json-path", "com.jayway.jsonpath"),
            Map.entry("kotlin-*", "org.jetbrains.kotlin"),
            Map.entry("okhttp", "com.squareup.okhttp3"),
            Map.entry("okhttp-jvm", "com.squareup.okhttp3"),
            Map.entry("logging-interceptor", "com.squareup.okhttp3"),
            Map.entry("okio", "com.squareup.okio"),
            Map.entry("okio-jvm", "com.squareup.okio"));

    private JarCoordinates() {
    }

    /** The coordinates of {@code jar}, whose file name is {@code fileName}; fails naming the jar when it cannot tell. */
    static Coordinates of(String fileName, byte[] jar) throws IOException {
        List<Coordinates> recorded = recorded(jar);
        Optional<Coordinates> byName = Optional.empty();
        for (Coordinates c : recorded) {
            // a shaded jar records every jar it holds; the one named like the file is the jar itself (the last, when
            // several are, as in com.sun.xml.bind:jaxb-core, which also records org.glassfish.jaxb:jaxb-core)
            if (c.fileName("jar").equals(fileName)) {
                byName = Optional.of(c);
            }
        }
        if (byName.isPresent()) {
            return byName.get();
        }
        Optional<Coordinates> fromName = fromFileName(fileName);
        if (fromName.isPresent()) {
            return fromName.get();
        }
        if (recorded.size() == 1) {
            return recorded.get(0);
        }
        throw new IOException("cannot tell the Maven coordinates of " + fileName + " (it has "
                + (recorded.isEmpty() ? "no META-INF/maven/**/pom.properties" : "several: " + recorded)
                + "); add its groupId to JarCoordinates.GROUPS_WITHOUT_METADATA");
    }

    /** {@code spring-core-6.2.14.jar} → {@code org.springframework:spring-core:6.2.14}, when the group is known. */
    static Optional<Coordinates> fromFileName(String fileName) {
        if (!fileName.endsWith(".jar")) {
            return Optional.empty();
        }
        String base = fileName.substring(0, fileName.length() - ".jar".length());
        for (int i = base.indexOf('-'); i > 0 && i < base.length() - 1; i = base.indexOf('-', i + 1)) {
            if (Character.isDigit(base.charAt(i + 1))) {
                String artifactId = base.substring(0, i);
                String version = base.substring(i + 1);
                return groupOf(artifactId).map(g -> new Coordinates(g, artifactId, version));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> groupOf(String artifactId) {
        String exact = GROUPS_WITHOUT_METADATA.get(artifactId);
        if (exact != null) {
            return Optional.of(exact);
        }
        // the longest matching prefix: spring-security-core is Spring Security's, not Spring's
        return GROUPS_WITHOUT_METADATA.entrySet().stream()
                .filter(e -> e.getKey().endsWith("*"))
                .filter(e -> artifactId.startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
                .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                .map(Map.Entry::getValue);
    }

    /** Every {@code pom.properties} in the jar, in the order they are stored. */
    static List<Coordinates> recorded(byte[] jar) throws IOException {
        List<Coordinates> found = new ArrayList<>();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                    Properties p = new Properties();
                    p.load(in);
                    String g = p.getProperty("groupId");
                    String a = p.getProperty("artifactId");
                    String v = p.getProperty("version");
                    if (g != null && a != null && v != null) {
                        found.add(new Coordinates(g.trim(), a.trim(), v.trim()));
                    }
                }
            }
        }
        return found;
    }
}
