package io.jenkins.plugins.fathomable.e2e.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a Jenkins log says about the plugin. A record is a <em>problem</em> when it is {@code SEVERE}, when it is a
 * {@code WARNING} naming Fathomable (its classes, its plugin file or its name), or when any record mentions a linkage
 * error (the plugin was compiled against something other than what runs) or a Jelly error (a view failed). Every
 * {@code WARNING} is counted, problem or not, so the suite can report how noisy the controller is.
 *
 * <p>A test that provokes an error on purpose tolerates it by a pattern with a reason; tolerated records are listed
 * apart, so nothing is silently ignored.
 */
public final class LogScan {

    /** Linkage errors: {@code NoSuchMethodError} and friends are all {@code LinkageError}s. */
    static final Pattern LINKAGE = Pattern.compile(
            "NoSuchMethodError|NoSuchFieldError|NoClassDefFoundError|IncompatibleClassChangeError|AbstractMethodError"
                    + "|LinkageError|VerifyError|ClassFormatError");
    /** A view that failed to compile or render. */
    static final Pattern JELLY = Pattern.compile(
            "org\\.apache\\.commons\\.jelly\\.(JellyException|JellyTagException|MissingAttributeException)"
                    + "|JellyTagException|jelly\\.JellyException|Failed to (parse|load) .*\\.jelly");

    public record Tolerated(Pattern pattern, String reason) {}

    public record Result(List<LogRecord> records, List<LogRecord> problems, List<LogRecord> tolerated,
            List<LogRecord> warnings) {

        public boolean clean() {
            return problems.isEmpty();
        }

        /** A readable report of every problem (and what was tolerated, and why). */
        public String report(List<Tolerated> tolerations) {
            StringBuilder out = new StringBuilder();
            out.append(problems.size()).append(" problem(s), ").append(warnings.size()).append(" warning(s), ")
                    .append(tolerated.size()).append(" tolerated, in ").append(records.size()).append(" records");
            for (LogRecord r : problems) {
                out.append("\n  PROBLEM ").append(r.describe(12));
            }
            for (LogRecord r : tolerated) {
                String why = tolerations.stream().filter(t -> t.pattern().matcher(r.text()).find()
                        || r.header() != null && t.pattern().matcher(r.header()).find()).map(Tolerated::reason)
                        .findFirst().orElse("?");
                out.append("\n  tolerated (").append(why).append(") ").append(r.describe(2));
            }
            for (LogRecord r : warnings) {
                out.append("\n  warning ").append(r.file()).append(':').append(r.line()).append(' ').append(r.message());
            }
            return out.toString();
        }
    }

    private LogScan() {
    }

    public static Result scan(List<LogRecord> records, List<Tolerated> tolerations) {
        List<LogRecord> problems = new ArrayList<>();
        List<LogRecord> tolerated = new ArrayList<>();
        List<LogRecord> warnings = new ArrayList<>();
        for (LogRecord r : records) {
            if ("WARNING".equals(r.level())) {
                warnings.add(r);
            }
            if (!isProblem(r)) {
                continue;
            }
            boolean ok = tolerations.stream().anyMatch(t -> t.pattern().matcher(r.text()).find()
                    || r.header() != null && t.pattern().matcher(r.header()).find());
            (ok ? tolerated : problems).add(r);
        }
        return new Result(List.copyOf(records), problems, tolerated, warnings);
    }

    static boolean isProblem(LogRecord r) {
        String all = (r.header() == null ? "" : r.header() + "\n") + r.text();
        if ("SEVERE".equals(r.level())) {
            return true;
        }
        if ("WARNING".equals(r.level()) && all.toLowerCase(Locale.ROOT).contains("fathomable")) {
            return true;
        }
        return LINKAGE.matcher(all).find() || JELLY.matcher(all).find();
    }
}
