package io.jenkins.plugins.fathomable.e2e.releases;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a group observed, in numbers (runs, applies, seconds), one line each: printed on the console as it happens
 * and kept in {@code observed.txt} of the group's work folder.
 */
final class Observations {

    private final String group;
    private final List<String> lines = new ArrayList<>();

    Observations(String group) {
        this.group = group;
    }

    /** A line; {@code format} as {@link String#format}. */
    synchronized void note(String format, Object... args) {
        String line = "e2e: [" + group + "] " + String.format(Locale.ROOT, format, args);
        System.out.println(line);
        lines.add(line);
    }

    /** Seconds since {@code startedNanos} ({@link System#nanoTime()}). */
    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    synchronized void save(Path workDir) throws IOException {
        Files.write(workDir.resolve("observed.txt"), lines);
    }
}
