package io.jenkins.plugins.fathomable.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log of every boot of one {@code JENKINS_HOME} ({@code jenkins-run} writes {@code jenkins.log} anew at each
 * start, so the harness moves the previous one aside as {@code jenkins.log.N} before a restart). Read, scan, or wait
 * for a line while Jenkins runs.
 */
public final class JenkinsLog {

    /** A position in the log: boot number (0-based) and character offset in that boot's log. */
    public record Mark(int boot, int offset) {}

    private final Path current;
    private final List<Path> earlier = new CopyOnWriteArrayList<>();

    JenkinsLog(Path current) {
        this.current = current;
    }

    /** Called before a restart: keeps this boot's log as {@code jenkins.log.N}. */
    void rotate() throws IOException {
        if (Files.exists(current)) {
            Path kept = current.resolveSibling(current.getFileName() + "." + (earlier.size() + 1));
            Files.move(current, kept);
            earlier.add(kept);
        }
    }

    /** The log files of every boot so far, oldest first. */
    public List<Path> files() {
        List<Path> all = new ArrayList<>(earlier);
        if (Files.exists(current)) {
            all.add(current);
        }
        return all;
    }

    /** The current boot's log text (empty before the first start). */
    public String text() {
        return read(current);
    }

    /** Every boot's log text, oldest first. */
    public String allText() {
        StringBuilder out = new StringBuilder();
        files().forEach(f -> out.append(read(f)));
        return out.toString();
    }

    public Mark mark() {
        return new Mark(earlier.size(), text().length());
    }

    /** What the log gained after {@code mark} (across restarts). */
    public String since(Mark mark) {
        StringBuilder out = new StringBuilder();
        List<Path> all = files();
        for (int i = mark.boot(); i < all.size(); i++) {
            String t = read(all.get(i));
            out.append(i == mark.boot() ? t.substring(Math.min(mark.offset(), t.length())) : t);
        }
        return out.toString();
    }

    /** Every record of every boot. */
    public List<LogRecord> records() {
        List<LogRecord> records = new ArrayList<>();
        for (Path f : files()) {
            records.addAll(LogRecord.parse(f.getFileName().toString(), read(f)));
        }
        return records;
    }

    public LogScan.Result scan(List<LogScan.Tolerated> tolerations) {
        return LogScan.scan(records(), tolerations);
    }

    /**
     * Waits until the log gains a line matching {@code pattern} after {@code mark} (for example a poll pass or a
     * release run finishing) and returns the match; fails after {@code timeout} with the tail of the log.
     */
    public String await(Mark mark, Pattern pattern, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = since(mark);
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m.group();
            }
            if (System.nanoTime() > end) {
                String tail = text.length() > 3000 ? text.substring(text.length() - 3000) : text;
                throw new AssertionError("no log line matching /" + pattern + "/ within " + timeout + "; log since mark:\n" + tail);
            }
            Thread.sleep(250);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (java.nio.charset.MalformedInputException e) {
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
