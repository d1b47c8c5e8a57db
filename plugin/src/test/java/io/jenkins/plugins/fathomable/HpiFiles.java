package io.jenkins.plugins.fathomable;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Archive and reflection helpers for {@link PackagedPluginIT}. */
final class HpiFiles {

    private HpiFiles() {
    }

    static List<String> entries(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            List<String> names = new ArrayList<>();
            Collections.list(zip.entries()).forEach(e -> names.add(e.getName()));
            return names;
        }
    }

    /** Extracts {@code archive} into {@code target} (refusing entries that would escape it); returns target. */
    static Path unzip(Path archive, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("entry escapes the archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                }
            }
        }
        return target;
    }

    /** Declared fields and methods by name, as SezPoz names members in its index. */
    static Map<String, AnnotatedElement> members(Class<?> type) {
        Map<String, AnnotatedElement> members = new LinkedHashMap<>();
        for (Field f : type.getDeclaredFields()) {
            members.put(f.getName(), f);
        }
        for (Method m : type.getDeclaredMethods()) {
            members.putIfAbsent(m.getName(), m);
        }
        return members;
    }
}
