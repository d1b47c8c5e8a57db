package io.jenkins.plugins.fathomable.rest;

import io.jenkins.plugins.fathomable.core.api.ApiRequest;
import io.jenkins.plugins.fathomable.core.api.ApiResponse;
import io.jenkins.plugins.fathomable.core.api.Caller;
import io.jenkins.plugins.fathomable.core.api.TrackerApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Maps between Stapler's view of a request below {@code JENKINS_URL/trackers} and core's {@link ApiRequest} /
 * {@link ApiResponse}, without any servlet type so that it is testable on its own.
 */
public final class ApiExchange {

    /** The response side of the servlet API that the answer is copied to. */
    interface Sink {
        void status(int status);

        void header(String name, String value);

        OutputStream body() throws IOException;
    }

    private ApiExchange() {
    }

    /**
     * The core path for Stapler's rest of path below the action: {@code ""} or {@code "/"} → {@code /trackers},
     * {@code /team.app} → {@code /trackers/team.app}.
     */
    static String path(String restOfPath) {
        if (restOfPath == null || restOfPath.isEmpty() || restOfPath.equals("/")) {
            return "/trackers/";
        }
        return "/trackers" + (restOfPath.startsWith("/") ? restOfPath : "/" + restOfPath);
    }

    /** Reads at most {@link TrackerApi#MAX_BODY_BYTES} + 1 bytes, so an oversized body is refused unbuffered. */
    static byte[] body(InputStream in) throws IOException {
        return in == null ? new byte[0] : in.readNBytes(TrackerApi.MAX_BODY_BYTES + 1);
    }

    public static ApiRequest request(String method, String restOfPath, Map<String, List<String>> headers, byte[] body,
            Caller caller) {
        return request(method, restOfPath, null, headers, body, caller);
    }

    /** @param query the raw query string ({@code environment=prod}), or {@code null} */
    public static ApiRequest request(String method, String restOfPath, String query, Map<String, List<String>> headers,
            byte[] body, Caller caller) {
        return new ApiRequest(method, path(restOfPath), headers, body, caller, query);
    }

    static void write(ApiResponse response, boolean head, Sink sink) throws IOException {
        sink.status(response.status());
        response.headers().forEach(sink::header);
        if (!head && response.body().length > 0) {
            try (OutputStream out = sink.body()) {
                out.write(response.body());
            }
        }
    }
}
