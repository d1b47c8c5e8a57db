package io.jenkins.plugins.fathomable.core.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the overview is asked for: a text to look for (every word must occur in the id, repository, path, ref or
 * image), a group, a state, and a page. Anything odd in the request (an unknown state, a page past the end, a size
 * not offered) falls back to a sensible value instead of failing: it is a page people click through.
 *
 * @param text  words to look for, lower case, or empty
 * @param group a group, or empty
 * @param state a state filter, or {@code null}
 * @param page  1-based
 * @param size  rows per page, one of {@link #SIZES}
 */
public record OverviewQuery(String text, String group, StateFilter state, int page, int size) {

    public static final List<Integer> SIZES = List.of(25, 50, 100, 200);
    public static final int DEFAULT_SIZE = 50;
    static final int MAX_TEXT = 100;

    public OverviewQuery {
        text = text == null ? "" : cut(text.strip().toLowerCase(Locale.ROOT));
        group = group == null ? "" : cut(group.strip().toLowerCase(Locale.ROOT));
        page = Math.max(1, page);
        size = SIZES.contains(size) ? size : DEFAULT_SIZE;
    }

    public static OverviewQuery all() {
        return new OverviewQuery("", "", null, 1, DEFAULT_SIZE);
    }

    /** From request parameters {@code q}, {@code group}, {@code state}, {@code page} and {@code size}. */
    public static OverviewQuery parse(Function<String, String> parameter) {
        return new OverviewQuery(parameter.apply("q"), parameter.apply("group"),
                StateFilter.of(parameter.apply("state")).orElse(null), number(parameter.apply("page"), 1),
                number(parameter.apply("size"), DEFAULT_SIZE));
    }

    public OverviewQuery withPage(int newPage) {
        return new OverviewQuery(text, group, state, newPage, size);
    }

    /** Whether anything narrows the list. */
    public boolean filtered() {
        return !text.isEmpty() || !group.isEmpty() || state != null;
    }

    public String stateKey() {
        return state == null ? "" : state.key();
    }

    /** {@code ?q=…&page=2}: the parameters that differ from the defaults, encoded; {@code ?} alone for none. */
    public String toQueryString() {
        List<String> parts = new ArrayList<>();
        add(parts, "q", text);
        add(parts, "group", group);
        add(parts, "state", stateKey());
        if (page != 1) {
            parts.add("page=" + page);
        }
        if (size != DEFAULT_SIZE) {
            parts.add("size=" + size);
        }
        return "?" + String.join("&", parts);
    }

    List<String> words() {
        return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
    }

    private static void add(List<String> parts, String name, String value) {
        if (!value.isEmpty()) {
            parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static String cut(String s) {
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }

    private static int number(String text, int fallback) {
        if (text == null || text.isBlank() || text.length() > 9) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
