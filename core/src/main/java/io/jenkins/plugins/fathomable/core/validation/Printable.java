package io.jenkins.plugins.fathomable.core.validation;

/**
 * Makes text that may carry user input safe to print on one line: control characters (line breaks, NUL, escape
 * sequences) become visible escapes such as {@code \n} or {@code \u001b}, and long text is cut with a note of how
 * much was left out. Used for error messages that quote input and for log lines, so input can neither forge a line
 * nor flood the output.
 */
public final class Printable {

    private Printable() {}

    /** {@code text} with control characters escaped, at most about {@code max} characters long. */
    public static String line(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 16);
        int i = 0;
        for (; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (i < text.length()) {
            out.append("... (").append(text.length() - i).append(" more characters)");
        }
        return out.toString();
    }

    /** True when {@link #line} would change nothing for {@code text} of at most {@code max} characters. */
    public static boolean isClean(String text, int max) {
        if (text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }
}
