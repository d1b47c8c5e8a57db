package io.jenkins.plugins.fathomable.config;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.List;

/** The bounds of the poll interval setting, in minutes. */
final class PollInterval {

    static final String FIELD = "pollIntervalMinutes";
    static final int DEFAULT_MINUTES = 5;
    static final int MIN_MINUTES = 1;
    /** A day: polling less often than that would miss whole release windows. */
    static final int MAX_MINUTES = 24 * 60;

    private PollInterval() {
    }

    /** {@code minutes} if in range; otherwise a {@link ValidationException} naming the field. */
    static int require(int minutes) {
        if (minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
            throw new ValidationException(FIELD, outOfRange(String.valueOf(minutes)));
        }
        return minutes;
    }

    /** The problems with form input {@code text} (empty when it is a whole number in range). */
    static List<String> check(String text) {
        String t = text == null ? "" : text.trim();
        try {
            int minutes = Integer.parseInt(t);
            return minutes < MIN_MINUTES || minutes > MAX_MINUTES ? List.of(outOfRange(t)) : List.of();
        } catch (NumberFormatException e) {
            return List.of(outOfRange(t.isEmpty() ? "nothing" : "'" + t + "'"));
        }
    }

    private static String outOfRange(String got) {
        // Strings, not ints: MessageFormat would print 1440 as "1,440".
        return Messages.PollInterval_OutOfRange(String.valueOf(MIN_MINUTES), String.valueOf(MAX_MINUTES), got);
    }
}
