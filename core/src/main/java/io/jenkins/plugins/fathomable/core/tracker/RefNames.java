package io.jenkins.plugins.fathomable.core.tracker;

import java.util.Optional;

/**
 * Git's rules for branch and tag names ({@code git check-ref-format --branch}), plus a length cap, and the rules for
 * a file path in a repository. Names that break them are refused when a tracker is defined, because they end up in
 * GitHub API paths: {@code ../../user} or {@code main?x=1} would ask GitHub for something else with the tracker's
 * token, and control characters would end up in logs and files.
 */
public final class RefNames {

    /** Longest branch or tag name accepted; Git allows more, but no real ref comes close. */
    public static final int MAX_REF_LENGTH = 255;
    /** Longest {@code sourcePath} accepted, in characters. */
    public static final int MAX_PATH_LENGTH = 1024;
    /** Longest segment of a {@code sourcePath} (a file or directory name on common file systems). */
    public static final int MAX_SEGMENT_LENGTH = 255;

    private RefNames() {}

    /** Why {@code name} is not a valid branch or tag name, or empty if it is. */
    public static Optional<String> refProblem(String name) {
        if (name.length() > MAX_REF_LENGTH) {
            return Optional.of("must be at most " + MAX_REF_LENGTH + " characters, got " + name.length());
        }
        Optional<String> control = controlCharacter(name);
        if (control.isPresent()) {
            return control;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || "~^:?*[\\".indexOf(c) >= 0) {
                return Optional.of("must not contain " + (c == ' ' ? "spaces" : "'" + c + "'")
                        + " (Git's ref-name rules)");
            }
        }
        if (name.equals("@")) {
            return Optional.of("must not be '@' (Git's ref-name rules)");
        }
        if (name.contains("@{")) {
            return Optional.of("must not contain '@{' (Git's ref-name rules)");
        }
        if (name.startsWith("-")) {
            return Optional.of("must not start with '-' (Git's ref-name rules)");
        }
        if (name.contains("..")) {
            return Optional.of("must not contain '..' (Git's ref-name rules)");
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return Optional.of("must not start or end with '/' or contain '//' (Git's ref-name rules)");
        }
        if (name.endsWith(".")) {
            return Optional.of("must not end with '.' (Git's ref-name rules)");
        }
        for (String component : name.split("/")) {
            if (component.startsWith(".")) {
                return Optional.of("no part between '/' may start with '.' (Git's ref-name rules)");
            }
            if (component.endsWith(".lock")) {
                return Optional.of("no part between '/' may end with '.lock' (Git's ref-name rules)");
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code path} is not a usable path of a file in a repository, or empty if it is: relative, {@code /} as
     * separator, no empty, {@code .} or {@code ..} segments, no control characters, sane lengths.
     */
    public static Optional<String> pathProblem(String path) {
        if (path.length() > MAX_PATH_LENGTH) {
            return Optional.of("must be at most " + MAX_PATH_LENGTH + " characters, got " + path.length());
        }
        Optional<String> control = controlCharacter(path);
        if (control.isPresent()) {
            return control;
        }
        if (path.startsWith("/")) {
            return Optional.of("must be relative to the repository root (no leading '/')");
        }
        if (path.contains("\\")) {
            return Optional.of("must use '/' as separator");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return Optional.of("must not contain '..'");
            }
            if (segment.equals(".")) {
                return Optional.of("must not contain '.' as a part (leave out './')");
            }
            if (segment.isEmpty()) {
                return Optional.of("must not contain empty segments ('//' or a trailing '/')");
            }
            if (segment.length() > MAX_SEGMENT_LENGTH) {
                return Optional.of("each part between '/' must be at most " + MAX_SEGMENT_LENGTH + " characters");
            }
        }
        return Optional.empty();
    }

    /** Control characters (NUL, CR, LF, DEL, C1...) and lone surrogates are refused everywhere. */
    static Optional<String> controlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of(String.format("must not contain control characters (U+%04X at position %d)",
                        (int) c, i + 1));
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1));
                if (!paired) {
                    return Optional.of("must be valid Unicode (a lone surrogate at position " + (i + 1) + ")");
                }
                i++;
            }
        }
        return Optional.empty();
    }
}
