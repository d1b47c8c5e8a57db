package io.jenkins.plugins.fathomable.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the host sends back: a status, headers and a body (JSON, or empty for no content). Hosts copy all three
 * verbatim.
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    public static final String JSON = "application/json; charset=utf-8";

    public ApiResponse {
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        body = body == null ? new byte[0] : body;
    }

    /** The body as text (UTF-8), for logging-free inspection in tests and hosts. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** {@code body} as JSON, with the headers every API answer has (never cached, never sniffed). */
    static ApiResponse json(ObjectMapper mapper, int status, Object body, Map<String, String> extraHeaders) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the response as JSON", e);
        }
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("Content-Type", JSON);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return new ApiResponse(status, headers, bytes);
    }

    /** A refusal in the error form of every route ({@link ErrorBody}); a 405 says what is allowed. */
    static ApiResponse problem(ObjectMapper mapper, ApiProblem p) {
        Map<String, String> headers = p instanceof TrackerApi.MethodNotAllowed m ? Map.of("Allow", m.allowed) : Map.of();
        return json(mapper, p.status, new ErrorBody(p.code, p.getMessage(), p.field, p.errors), headers);
    }
}
