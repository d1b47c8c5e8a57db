package io.jenkins.plugins.fathomable.config;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.List;

/**
 * The bounds of the safety-net poll interval: how often, in minutes, trackers whose webhooks flow are polled.
 * {@code 0} means the default, 12 poll intervals.
 */
final class WebhookPollInterval {

    static final String FIELD = "webhookPollIntervalMinutes";
    static final int DEFAULT = 0;
    /** A week: a lost webhook must be noticed eventually. */
    static final int MAX_MINUTES = 7 * 24 * 60;

    private WebhookPollInterval() {
    }

    static int require(int minutes) {
        if (minutes < 0 || minutes > MAX_MINUTES) {
            throw new ValidationException(FIELD, outOfRange(String.valueOf(minutes)));
        }
        return minutes;
    }

    static List<String> check(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return List.of();
        }
        try {
            int minutes = Integer.parseInt(t);
            return minutes < 0 || minutes > MAX_MINUTES ? List.of(outOfRange(t)) : List.of();
        } catch (NumberFormatException e) {
            return List.of(outOfRange("'" + t + "'"));
        }
    }

    private static String outOfRange(String got) {
        return Messages.WebhookPollInterval_OutOfRange(String.valueOf(MAX_MINUTES), got);
    }
}
