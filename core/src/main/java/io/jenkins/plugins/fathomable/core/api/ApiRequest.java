package io.jenkins.plugins.fathomable.core.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the host received it, independent of any web framework.
 *
 * @param method  the HTTP method, upper case ({@code GET}, {@code POST}, ...)
 * @param path    the decoded path relative to where the host mounts the API, e.g. {@code /trackers/team.app}
 * @param headers request headers; names are matched without regard to case
 * @param body    the body bytes; a host reads at most {@link TrackerApi#MAX_BODY_BYTES} + 1 of them so that an
 *                oversized body is answered 413 without being buffered whole
 * @param caller  who is calling, as the host authenticated them
 * @param query   the query string as received (still percent-encoded, without {@code ?}), or {@code null}
 */
public record ApiRequest(String method, String path, Map<String, List<String>> headers, byte[] body, Caller caller,
        String query) {

    /** A request without a query string. */
    public ApiRequest(String method, String path, Map<String, List<String>> headers, byte[] body, Caller caller) {
        this(method, path, headers, body, caller, null);
    }

    public ApiRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(caller, "caller");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.merge(k, List.copyOf(v), (a, b) -> {
                        var all = new java.util.ArrayList<>(a);
                        all.addAll(b);
                        return List.copyOf(all);
                    });
                }
            });
        }
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
        query = query == null || query.isEmpty() ? null : query;
    }

    /** The first value of a header, if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}
