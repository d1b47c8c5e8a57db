package io.jenkins.plugins.fathomable.e2e.harness;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Jenkins unpacks every plugin archive at its first boot on a home, which costs about 15 s on two cores for the
 * runtime's 50-odd plugins. After the first group's Jenkins stops, its unpacked plugins (everything but Fathomable)
 * are kept under {@code target/e2e/plugins-KEY/}, and later homes get hard links to them (Jenkins sees archives
 * and unpacked folders with matching time stamps and does not unpack again). The key covers the plugin files' names,
 * sizes and times, so a changed runtime never reuses a stale copy. Fathomable itself is always copied fresh.
 */
final class PluginsCache {

    private PluginsCache() {
    }

    /** Fills an empty {@code JENKINS_HOME/plugins} from the cache, or with the plugin archives if there is none yet. */
    static void populate(Path pluginsDir, List<Path> runtimePlugins, List<Path> extra) throws IOException {
        Path cached = cacheDir(runtimePlugins, extra);
        if (Files.isDirectory(cached)) {
            linkTree(cached, pluginsDir);
            return;
        }
        for (Path p : all(runtimePlugins, extra)) {
            String file = p.getFileName().toString();
            String target = file.endsWith(".hpi") ? file.substring(0, file.length() - 4) + ".jpi" : file;
            Files.copy(p, pluginsDir.resolve(target), StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** After a stop: keeps the unpacked plugins for later homes, if not kept yet. */
    static void remember(Path pluginsDir, List<Path> runtimePlugins, List<Path> extra) throws IOException {
        Path cached = cacheDir(runtimePlugins, extra);
        if (Files.isDirectory(cached) || !Files.isDirectory(pluginsDir)) {
            return;
        }
        Path partial = cached.resolveSibling(cached.getFileName() + ".partial");
        RealJenkins.deleteTree(partial);
        Files.createDirectories(partial);
        try (Stream<Path> entries = Files.list(pluginsDir)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().startsWith("fathomable")) {
                    linkTree(entry, partial.resolve(entry.getFileName().toString()));
                }
            }
        }
        Files.move(partial, cached);
    }

    private static void linkTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    try {
                        Files.createLink(to, p);
                    } catch (UnsupportedOperationException | FileSystemException e) {
                        Files.copy(p, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
    }

    private static Path cacheDir(List<Path> runtimePlugins, List<Path> extra) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path p : all(runtimePlugins, extra)) {
                digest.update((p.toAbsolutePath() + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis() + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return SuiteSettings.workDir().resolve("plugins-" + HexFormat.of().formatHex(digest.digest()).substring(0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> all(List<Path> runtimePlugins, List<Path> extra) {
        List<Path> all = new ArrayList<>(runtimePlugins);
        all.addAll(extra);
        return all;
    }
}
