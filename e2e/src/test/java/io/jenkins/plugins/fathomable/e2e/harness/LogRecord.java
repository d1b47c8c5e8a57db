package io.jenkins.plugins.fathomable.e2e.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One record of a Jenkins log as {@code java.util.logging}'s SimpleFormatter writes it: a header line (time, logger,
 * method), a {@code LEVEL: message} line and the lines that follow until the next header (stack traces). Text that is
 * not a record (the launcher's and SLF4J's own lines) becomes a record with level {@code null}.
 */
public record LogRecord(String file, int line, String header, String level, String text) {

    private static final Pattern HEADER =
            Pattern.compile("^[A-Z][a-z]{2} \\d{1,2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} (AM|PM) \\S.*$");
    private static final Pattern LEVEL = Pattern.compile("^(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): (.*)$");

    /** The first line of the message. */
    public String message() {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** {@code file:line LEVEL header} and the first lines of the message, for failure reports. */
    public String describe(int maxLines) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(file).append(':').append(line).append(' ')
                .append(level == null ? "(not a log record)" : level).append(header == null ? "" : "  " + header);
        for (int i = 0; i < Math.min(lines.length, maxLines); i++) {
            out.append("\n    ").append(lines[i]);
        }
        if (lines.length > maxLines) {
            out.append("\n    ... ").append(lines.length - maxLines).append(" more lines");
        }
        return out.toString();
    }

    /**
     * Splits a log's text into records. Before the first record each non-blank line stands alone; after it, every
     * line up to the next header belongs to the current record (stack traces, multi-line messages, and whatever
     * the process printed to its standard output meanwhile).
     */
    public static List<LogRecord> parse(String file, String content) {
        List<LogRecord> records = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        int start = 0;
        String header = null;
        String level = null;
        StringBuilder text = null;
        for (int i = 0; i < lines.length; i++) {
            Matcher levelLine = i + 1 < lines.length ? LEVEL.matcher(lines[i + 1]) : null;
            if (HEADER.matcher(lines[i]).matches() && levelLine != null && levelLine.matches()) {
                add(records, file, start, header, level, text);
                header = lines[i];
                level = levelLine.group(1);
                text = new StringBuilder(levelLine.group(2));
                start = i + 1;
                i++;
            } else if (header == null) {
                add(records, file, i + 1, null, null, new StringBuilder(lines[i]));
            } else {
                text.append('\n').append(lines[i]);
            }
        }
        add(records, file, start, header, level, text);
        return records;
    }

    private static void add(List<LogRecord> records, String file, int line, String header, String level,
            StringBuilder text) {
        if (text == null) {
            return;
        }
        String t = text.toString().stripTrailing();
        if (header != null || !t.isBlank()) {
            records.add(new LogRecord(file, line, header, level, t));
        }
    }
}
