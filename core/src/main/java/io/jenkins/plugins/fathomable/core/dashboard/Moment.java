package io.jenkins.plugins.fathomable.core.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A point in time as pages show it: relative to now ({@code 12 min ago}, {@code in 3 h}) with the exact time for a
 * tooltip and the ISO form for a {@code <time datetime>} attribute.
 *
 * @param at       the instant
 * @param relative {@code just now}, {@code 12 min ago}, {@code 3 h ago}, {@code 2 days ago}, {@code in 40 min}...
 * @param exact    {@code 2026-03-01 10:00:05 UTC}
 */
public record Moment(Instant at, String relative, String exact) {

    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** {@code at} seen from {@code now}, or {@code null} when {@code at} is. */
    public static Moment of(Instant at, Instant now) {
        if (at == null) {
            return null;
        }
        return new Moment(at, relative(at, now), EXACT.format(at));
    }

    /** The ISO-8601 form, for machines ({@code datetime} attributes). */
    public String iso() {
        return at.toString();
    }

    static String relative(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        boolean future = d.isNegative();
        long s = Math.abs(d.getSeconds());
        String span;
        if (s < 45) {
            return future ? "in a moment" : "just now";
        } else if (s < 90 * 60) {
            span = Math.max(1, Math.round(s / 60.0)) + " min";
        } else if (s < 36 * 3600) {
            span = Math.round(s / 3600.0) + " h";
        } else if (s < 45L * 86400) {
            long days = Math.round(s / 86400.0);
            span = days + (days == 1 ? " day" : " days");
        } else {
            return "on " + DAY.format(at);
        }
        return future ? "in " + span : span + " ago";
    }
}
