package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.release.ReleaseOperations;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.Printable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operation routes below one tracker, every one a {@code POST} without a body, its parameters in the query:
 * <pre>
 *   POST /trackers/{group.name}/hold
 *   POST /trackers/{group.name}/unhold
 *   POST /trackers/{group.name}/rollback?environment=prod
 *   POST /trackers/{group.name}/releases/{n}/approve?environment=prod
 *   POST /trackers/{group.name}/releases/{n}/reject[?reason=...]
 *   POST /trackers/{group.name}/releases/{n}/retry
 * </pre>
 * Each is one {@link ReleaseOperations} call made as the caller (recorded in the history), answered with the tracker
 * as {@code GET} shows it. {@link TrackerApi} has checked the write permission before this runs.
 */
final class ReleaseRoutes {

    private static final Pattern RELEASE = Pattern.compile("releases/([^/]+)/(approve|reject|retry)");
    private static final int MAX_QUERY = 2048;

    private final ReleaseOperations operations;

    ReleaseRoutes(ReleaseOperations operations) {
        this.operations = operations;
    }

    /** Whether {@code rest} (the path after the tracker id and its slash) names an operation. */
    static boolean isOperation(String rest) {
        return rest.equals("hold") || rest.equals("unhold") || rest.equals("rollback") || RELEASE.matcher(rest).matches();
    }

    /** Runs the operation {@code rest} names on tracker {@code id}. */
    void run(ApiRequest request, TrackerId id, String rest) {
        if (!request.method().equals("POST")) {
            throw new TrackerApi.MethodNotAllowed(request.method(), "POST");
        }
        if (request.body().length > 0) {
            throw new ApiProblem(400, "invalid_body", "operations take no body; give their parameters in the query"
                    + " string, e.g. ?environment=prod");
        }
        String actor = request.caller().principal();
        Matcher m = RELEASE.matcher(rest);
        if (m.matches()) {
            int release = releaseNumber(m.group(1));
            switch (m.group(2)) {
                case "approve" -> operations.approve(id, release, query(request, Set.of("environment"))
                        .get("environment"), actor);
                case "reject" -> operations.reject(id, release, query(request, Set.of("reason")).get("reason"), actor);
                default -> {
                    query(request, Set.of());
                    operations.retry(id, release, actor);
                }
            }
            return;
        }
        switch (rest) {
            case "hold" -> {
                query(request, Set.of());
                operations.hold(id, actor);
            }
            case "unhold" -> {
                query(request, Set.of());
                operations.unhold(id, actor);
            }
            default -> operations.rollback(id, query(request, Set.of("environment")).get("environment"), actor);
        }
    }

    private static int releaseNumber(String text) {
        if (text.matches("[1-9][0-9]{0,8}")) {
            return Integer.parseInt(text);
        }
        throw new ApiProblem(404, "release_not_found", "no release " + Printable.line(text, 40)
                + "; releases are numbered 1, 2, 3...", "release", java.util.List.of());
    }

    /** The query's parameters, each at most once and each one of {@code known}. */
    private static Map<String, String> query(ApiRequest request, Set<String> known) {
        Map<String, String> params = new HashMap<>();
        String raw = request.query();
        if (raw == null) {
            return params;
        }
        if (raw.length() > MAX_QUERY) {
            throw new ApiProblem(400, "bad_request", "the query string is over " + MAX_QUERY + " characters");
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!known.contains(name)) {
                throw new ApiProblem(400, "unknown_field", "unknown query parameter '" + Printable.line(name, 60) + "'"
                        + (known.isEmpty() ? "; this operation takes none" : "; known: " + String.join(", ",
                        new java.util.TreeSet<>(known))), Printable.line(name, 60), java.util.List.of());
            }
            if (params.put(name, value) != null) {
                throw new ApiProblem(400, "invalid_field", name + ": give it once", name, java.util.List.of());
            }
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "bad_request", "the query string is not validly percent-encoded");
        }
    }
}
