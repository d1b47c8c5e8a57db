package io.jenkins.plugins.fathomable.jenkinsjars;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Installs a Jenkins installation's jars into a Maven local repository under their real coordinates:
 * {@code org.jenkins-ci.main:jenkins-core} with the war's libraries as its dependencies, every plugin of
 * {@code plugins/} (its classes jar, and the archive itself as type {@code hpi}) with its mandatory
 * {@code Plugin-Dependencies} and bundled libraries as dependencies, and each of those libraries.
 *
 * <p>Usage: {@code InstallJenkinsJars JENKINS_DIR LOCAL_REPOSITORY}, where {@code JENKINS_DIR} has {@code war/WEB-INF/lib}
 * and {@code plugins/*.jpi} (as {@code ../shared/jenkins} does).
 */
public final class InstallJenkinsJars {

    private final Path jenkins;
    private final LocalRepository repository;
    private final Map<LocalRepository.Outcome, Integer> outcomes = new EnumMap<>(LocalRepository.Outcome.class);
    private final List<String> warnings = new ArrayList<>();

    InstallJenkinsJars(Path jenkins, LocalRepository repository) {
        this.jenkins = jenkins;
        this.repository = repository;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: InstallJenkinsJars JENKINS_DIR LOCAL_REPOSITORY");
        }
        InstallJenkinsJars installer = new InstallJenkinsJars(Path.of(args[0]).toAbsolutePath().normalize(),
                new LocalRepository(Path.of(args[1]).toAbsolutePath().normalize()));
        installer.run();
        installer.warnings.forEach(w -> System.out.println("[jenkins-jars] warning: " + w));
        System.out.println("[jenkins-jars] " + installer.summary());
    }

    /** Installs everything; the core POM and each plugin POM list exactly what was installed beside them. */
    void run() throws IOException {
        Path lib = jenkins.resolve("war/WEB-INF/lib");
        Path plugins = jenkins.resolve("plugins");
        if (!Files.isDirectory(lib) || !Files.isDirectory(plugins)) {
            throw new IOException(jenkins + " is not a Jenkins installation: it needs war/WEB-INF/lib and plugins/");
        }
        installCore(lib);
        installPlugins(plugins);
    }

    String summary() {
        int total = outcomes.values().stream().mapToInt(Integer::intValue).sum();
        return total + " artifacts of " + jenkins + " in " + repository.root() + ": "
                + outcomes.getOrDefault(LocalRepository.Outcome.WRITTEN, 0) + " written, "
                + outcomes.getOrDefault(LocalRepository.Outcome.UNCHANGED, 0) + " unchanged, "
                + outcomes.getOrDefault(LocalRepository.Outcome.KEPT, 0)
                + " kept as found (published POMs already there)";
    }

    List<String> warnings() {
        return warnings;
    }

    private void installCore(Path lib) throws IOException {
        Coordinates core = null;
        byte[] coreJar = null;
        List<Pom.Dependency> libraries = new ArrayList<>();
        for (Path jar : list(lib, ".jar")) {
            byte[] content = Files.readAllBytes(jar);
            Coordinates c = JarCoordinates.of(jar.getFileName().toString(), content);
            if (c.artifactId().equals("jenkins-core")) {
                core = c;
                coreJar = content;
            } else {
                installLibrary(c, content, lib.relativize(jar).toString());
                libraries.add(new Pom.Dependency(c, true));
            }
        }
        if (core == null) {
            throw new IOException(lib + " has no jenkins-core-<version>.jar");
        }
        count(repository.install(core, Pom.render(core, "jar", "the Jenkins war's WEB-INF/lib", libraries),
                new String[] {"jar"}, new byte[][] {coreJar}));
    }

    private void installPlugins(Path dir) throws IOException {
        Map<String, PluginArchive> byShortName = new TreeMap<>();
        for (Path file : list(dir, ".jpi", ".hpi")) {
            PluginArchive plugin = PluginArchive.read(file);
            byShortName.put(plugin.shortName(), plugin);
        }
        for (PluginArchive plugin : byShortName.values()) {
            List<Pom.Dependency> dependencies = new ArrayList<>();
            for (PluginArchive.Dependency d : plugin.dependencies()) {
                PluginArchive present = byShortName.get(d.shortName());
                if (d.optional()) {
                    continue;
                }
                if (present == null) {
                    warnings.add(plugin.shortName() + " needs " + d.shortName() + ", which " + dir + " lacks");
                    continue;
                }
                dependencies.add(new Pom.Dependency(present.coordinates(), false));
            }
            byte[] ownJar = null;
            Map<String, byte[]> bundled = new LinkedHashMap<>();
            for (PluginArchive.Jar jar : plugin.jars()) {
                if (jar.fileName().equals(plugin.ownJarName())) {
                    ownJar = jar.content();
                } else {
                    bundled.put(jar.fileName(), jar.content());
                }
            }
            for (Map.Entry<String, byte[]> jar : bundled.entrySet()) {
                Coordinates c = JarCoordinates.of(jar.getKey(), jar.getValue());
                installLibrary(c, jar.getValue(), plugin.file().getFileName() + "!WEB-INF/lib/" + jar.getKey());
                dependencies.add(new Pom.Dependency(c, true));
            }
            if (ownJar == null) {
                throw new IOException(plugin.file() + " has no WEB-INF/lib/" + plugin.ownJarName());
            }
            String pom = Pom.render(plugin.coordinates(), "hpi", "the Jenkins plugin " + plugin.file().getFileName(),
                    dependencies);
            count(repository.install(plugin.coordinates(), pom, new String[] {"jar", "hpi"},
                    new byte[][] {ownJar, Files.readAllBytes(plugin.file())}));
        }
    }

    private void installLibrary(Coordinates c, byte[] jar, String origin) throws IOException {
        count(repository.install(c, Pom.render(c, "jar", origin, List.of()), new String[] {"jar"}, new byte[][] {jar}));
    }

    private void count(LocalRepository.Outcome outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    private static List<Path> list(Path dir, String... suffixes) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        }
    }
}
