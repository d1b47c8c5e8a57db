package io.jenkins.plugins.fathomable.runs;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Pipeline script of a release job, made from the admins' template. The template is Groovy with placeholders
 * {@code {{tracker}}}, {@code {{group}}} and {@code {{name}}}, each replaced by a Groovy string literal (quotes
 * included, escaped), so a value can never end the string and inject code. What changes per run (environment,
 * release) is not templated: it comes from the run's parameters. The script always runs in the Groovy sandbox.
 */
public final class PipelineTemplate {

    /** The field name errors are reported under. */
    public static final String FIELD = "releasePipelineTemplate";

    /** Generous, but keeps a pasted log or binary out of every job's config.xml. */
    public static final int MAX_CHARS = 64 * 1024;

    /** The default: deploy the release this run was started for, and report the outcome. */
    public static final String DEFAULT = """
            // Release run made by Fathomable for tracker {{tracker}}; it is rewritten from the template in
            // Manage Jenkins » System » Fathomable whenever a release is scheduled, so edit the template, not this job.
            fathomableRelease(
                tracker: {{tracker}},
                environment: params.FATHOMABLE_ENVIRONMENT,
                release: params.FATHOMABLE_RELEASE)
            """;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]*)\\s*}}");

    private PipelineTemplate() {
    }

    /** The script for {@code tracker}'s job. @throws ValidationException if the template is not usable */
    public static String render(String template, TrackerId tracker) {
        requireValid(template);
        Map<String, String> values = Map.of("tracker", tracker.toString(), "group", tracker.group(),
                "name", tracker.name());
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(groovyString(values.get(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every problem of a template; empty when it can be used. */
    public static List<FieldError> check(String template) {
        List<FieldError> errors = new ArrayList<>();
        if (template == null || template.isBlank()) {
            errors.add(new FieldError(FIELD, "is required: a Pipeline script, e.g. the default that calls "
                    + "fathomableRelease"));
            return errors;
        }
        if (template.length() > MAX_CHARS) {
            errors.add(new FieldError(FIELD, "must be at most " + MAX_CHARS + " characters, got "
                    + template.length()));
        }
        TreeSet<String> unknown = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!List.of("tracker", "group", "name").contains(m.group(1))) {
                unknown.add(m.group());
            }
        }
        if (!unknown.isEmpty()) {
            errors.add(new FieldError(FIELD, "unknown placeholder(s) " + String.join(", ", unknown)
                    + "; use {{tracker}}, {{group}} or {{name}}"));
        }
        return errors;
    }

    public static void requireValid(String template) {
        List<FieldError> errors = check(template);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** A single-quoted Groovy string literal of {@code value}: no interpolation, quotes and escapes neutralised. */
    public static String groovyString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }

    /** Whether a job's current definition already is {@code script}, sandboxed: then it is left untouched. */
    public static boolean upToDate(String currentScript, boolean currentSandbox, String script) {
        return currentSandbox && script.equals(currentScript);
    }
}
