package io.jenkins.plugins.fathomable.core.tracker;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.regex.Pattern;

/**
 * A tracker's identity, {@code group.name}. Both parts are DNS-label-like (lower-case letters, digits and
 * {@code -}, starting and ending with a letter or digit) because the id ends up in Kubernetes label values,
 * which allow at most 63 characters.
 */
public record TrackerId(String group, String name) implements Comparable<TrackerId> {

    private static final Pattern PART = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    public static final int MAX_LENGTH = 63;

    public TrackerId {
        check("id", group, "group");
        check("id", name, "name");
        if (group.length() + 1 + name.length() > MAX_LENGTH) {
            throw new ValidationException("id", "must be at most " + MAX_LENGTH + " characters");
        }
    }

    /** Parses {@code group.name}; the error names {@code field}. */
    public static TrackerId parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "is required, as group.name");
        }
        int dot = text.indexOf('.');
        if (dot < 0 || dot != text.lastIndexOf('.')) {
            throw new ValidationException(field, "must be group.name (exactly one '.'), got '" + text + "'");
        }
        String group = text.substring(0, dot);
        String name = text.substring(dot + 1);
        check(field, group, "group");
        check(field, name, "name");
        return new TrackerId(group, name);
    }

    public static TrackerId parse(String text) {
        return parse("id", text);
    }

    private static void check(String field, String part, String which) {
        if (part == null || part.isEmpty()) {
            throw new ValidationException(field, "the " + which + " part is required (group.name)");
        }
        if (!PART.matcher(part).matches()) {
            throw new ValidationException(field, "the " + which + " part '" + part
                    + "' may hold only lower-case letters, digits and '-', and must start and end with a letter or digit");
        }
    }

    @Override
    public int compareTo(TrackerId o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return group + "." + name;
    }
}
