package io.jenkins.plugins.fathomable.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jenkins.plugins.fathomable.core.api.ApiRequest;
import io.jenkins.plugins.fathomable.core.api.ApiResponse;
import io.jenkins.plugins.fathomable.core.api.Caller;
import io.jenkins.plugins.fathomable.core.api.Caller.Permission;
import io.jenkins.plugins.fathomable.core.api.TrackerApi;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps JDK HTTP server exchanges onto {@link TrackerApi}: the admin bearer token decides the caller, everything
 * else (routes, statuses, bodies) is the shared handler's. Logs one line per request, never a header or body.
 */
final class HttpAdapter implements HttpHandler {

    static final String ADMIN = "admin";

    private final TrackerApi api;
    private final AdminToken token;
    private final boolean openReads;
    private final ServeLog log;

    HttpAdapter(TrackerApi api, AdminToken token, boolean openReads, ServeLog log) {
        this.api = api;
        this.token = token;
        this.openReads = openReads;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath() == null ? "" : exchange.getRequestURI().getPath();
        try (exchange) {
            // One byte over the limit is enough for the handler to answer 413 without buffering the rest.
            byte[] body = exchange.getRequestBody().readNBytes(TrackerApi.MAX_BODY_BYTES + 1);
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            headers.remove("Authorization"); // the handler has no use for it; keep it out of everything downstream
            Caller caller = caller(authorization);
            ApiResponse response = api.handle(new ApiRequest(method, path, headers, body, caller));
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (response.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"fathomable\"");
            }
            boolean noBody = response.body().length == 0 || method.equalsIgnoreCase("HEAD");
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
            log.info("http: " + method + " " + path + " -> " + response.status()
                    + (caller.isAnonymous() ? " (anonymous)" : ""));
        } catch (IOException | RuntimeException e) {
            log.info("http: " + method + " " + path + " failed: " + e.getClass().getSimpleName());
            throw e;
        }
    }

    /** A valid bearer token is the admin; a wrong one is refused outright, even for reads; none may read if open. */
    private Caller caller(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return openReads ? Caller.anonymous(Permission.READ) : Caller.anonymous();
        }
        String a = authorization.trim();
        if (a.length() > 7 && a.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")
                && token.matches(a.substring(7).trim())) {
            return Caller.authenticated(ADMIN, Permission.READ, Permission.WRITE);
        }
        return Caller.anonymous();
    }
}
