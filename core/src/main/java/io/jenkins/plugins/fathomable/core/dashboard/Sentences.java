package io.jenkins.plugins.fathomable.core.dashboard;

import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import io.jenkins.plugins.fathomable.core.validation.Printable;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the last error of a tracker into a sentence a person reads: the engine's own messages are kept (they already
 * say what happened), what a library said in its own words is translated (github-api reports a connection it could
 * not make as {@code Server returned HTTP response code: -1, message: 'null' for URL: …}), Java class names are
 * dropped, and the sentence starts with a capital letter.
 */
public final class Sentences {

    /** Longest error shown; the whole text stays in the logs and the REST API. */
    static final int MAX = 600;

    private static final Pattern NO_CONNECTION = Pattern.compile(
            "Server returned HTTP response code: -1, message: 'null' for URL: (\\S+)");
    private static final Pattern CLIENT_FAILED = Pattern.compile("^GitHub client could not be created: (.*)$",
            Pattern.DOTALL);
    private static final Pattern UNEXPECTED = Pattern.compile("^unexpected failure: (.*)$", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*|\\b)");

    private Sentences() {}

    /** A readable sentence for {@code status} and {@code lastError}, or {@code null} when there is nothing wrong. */
    public static String lastError(Status status, String lastError) {
        if (status == null || status == Status.OK || status == Status.NEVER_POLLED) {
            return lastError == null || lastError.isBlank() ? null : sentence(lastError);
        }
        if (lastError == null || lastError.isBlank()) {
            return sentence(fallback(status));
        }
        return sentence(lastError);
    }

    static String sentence(String raw) {
        String text = raw.strip();
        Matcher client = CLIENT_FAILED.matcher(text);
        if (client.matches()) {
            Matcher none = NO_CONNECTION.matcher(client.group(1));
            text = none.find() ? "cannot reach GitHub API at " + apiOf(none.group(1))
                    + ": no connection could be made (check the GitHub API URL, the proxy and the firewall)"
                    : "cannot connect to GitHub: " + client.group(1);
        } else {
            Matcher none = NO_CONNECTION.matcher(text);
            if (none.find()) {
                text = "cannot reach GitHub API at " + apiOf(none.group(1)) + ": no connection could be made";
            }
        }
        Matcher unexpected = UNEXPECTED.matcher(text);
        if (unexpected.matches()) {
            text = "something unexpected went wrong: " + unexpected.group(1);
        }
        text = CLASS_NAME.matcher(text).replaceAll("").strip();
        if (text.isEmpty()) {
            text = "something went wrong; the log has the details";
        }
        text = Printable.line(text, MAX);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** {@code https://api.github.com/rate_limit} is the API at {@code https://api.github.com}. */
    static String apiOf(String url) {
        try {
            URI uri = URI.create(url);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            int v3 = path.indexOf("/api/v3");
            String prefix = v3 >= 0 ? path.substring(0, v3 + "/api/v3".length()) : "";
            return uri.getScheme() + "://" + uri.getRawAuthority() + prefix;
        } catch (IllegalArgumentException | NullPointerException e) {
            return url;
        }
    }

    private static String fallback(Status status) {
        return switch (status) {
            case UNAUTHORIZED -> "GitHub refused the credentials";
            case FORBIDDEN -> "GitHub denied access to the repository";
            case NOT_FOUND -> "the repository, ref or file was not found";
            case RATE_LIMITED -> "GitHub's rate limit is exhausted; polling waits for it to reset";
            case INVALID_CONFIG -> "fathomable.yaml is not valid";
            case REGISTRY_ERROR -> "the container registry could not be read";
            default -> "the last poll failed";
        };
    }
}
