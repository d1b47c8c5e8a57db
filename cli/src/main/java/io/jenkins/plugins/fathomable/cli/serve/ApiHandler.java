package io.jenkins.plugins.fathomable.cli.serve;

import io.jenkins.plugins.fathomable.core.api.ApiRequest;
import io.jenkins.plugins.fathomable.core.api.ApiResponse;
import io.jenkins.plugins.fathomable.core.api.Caller;
import io.jenkins.plugins.fathomable.core.api.Caller.Permission;
import io.jenkins.plugins.fathomable.core.api.TrackerApi;
import io.jenkins.plugins.fathomable.core.api.WebhookRoutes;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Maps Jetty requests onto {@link TrackerApi}: the admin bearer token decides the caller, everything else (routes,
 * statuses, bodies) is the shared handler's. {@code /webhooks/...} goes to {@link WebhookRoutes} instead, which
 * checks its senders itself (larger bodies, no admin token). The body is read without holding a thread, within
 * {@code bodyTimeout}; the handler then runs on {@code work}. Logs one line per request, never a header or body.
 */
final class ApiHandler extends Handler.Abstract {

    static final String ADMIN = "admin";
    /** Longest request path written to the log. */
    static final int MAX_LOGGED_PATH = 200;
    /**
     * How much of a body over the limit is still read (and discarded) before answering 413, so that the client can
     * finish sending and read the answer on a connection that stays usable; larger bodies are refused unread.
     */
    static final long DRAIN_LIMIT = 1024 * 1024;

    private final TrackerApi api;
    private final WebhookRoutes webhooks;
    private final AdminToken token;
    private final boolean openReads;
    private final ServeLog log;
    private final Executor work;
    private final Duration bodyTimeout;

    ApiHandler(TrackerApi api, WebhookRoutes webhooks, AdminToken token, boolean openReads, ServeLog log,
            Executor work, Duration bodyTimeout) {
        this.api = api;
        this.webhooks = webhooks;
        this.token = token;
        this.openReads = openReads;
        this.log = log;
        this.work = work;
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = request.getHttpURI().getDecodedPath();
        CompletableFuture<byte[]> body;
        long length = request.getLength();
        int max = webhooks != null && WebhookRoutes.isWebhook(path) ? WebhookRoutes.MAX_BODY_BYTES
                : TrackerApi.MAX_BODY_BYTES;
        long drain = Math.max(DRAIN_LIMIT, max);
        if (length > drain) {
            // Too large to read through: not read at all. The handler still checks permissions first, then answers
            // 413, and the connection is closed after the answer (the client is told so).
            response.getHeaders().put("Connection", "close");
            body = CompletableFuture.completedFuture(new byte[max + 1]);
        } else if (length == 0) {
            body = CompletableFuture.completedFuture(new byte[0]);
        } else {
            body = BodyReader.read(request, max, drain).thenApply(b -> {
                if (!b.complete()) {
                    response.getHeaders().put("Connection", "close"); // what is left of the body is not read
                }
                return b.tooLarge() ? new byte[max + 1] : b.bytes();
            });
        }
        body.orTimeout(bodyTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenAcceptAsync(bytes -> answer(request, response, callback, method, path, bytes), work)
                .exceptionally(e -> {
                    Throwable cause = unwrap(e);
                    ApiResponse r = cause instanceof TimeoutException ? api.requestTimeout()
                            : api.badRequest(400, "the body could not be read");
                    response.getHeaders().put("Connection", "close"); // what is left of the body is not read
                    write(response, callback, method, r);
                    log.info("http: " + method + " " + loggable(path) + " -> " + r.status() + " ("
                            + cause.getClass().getSimpleName() + ")");
                    return null;
                });
        return true;
    }

    private void answer(Request request, Response response, Callback callback, String method, String path,
            byte[] body) {
        if (webhooks != null && WebhookRoutes.isWebhook(path)) {
            Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            request.getHeaders().forEach(f -> all.computeIfAbsent(f.getName(), k -> new ArrayList<>()).add(f.getValue()));
            ApiResponse r = webhooks.handle(new ApiRequest(method, path, all, body, Caller.anonymous(),
                    request.getHttpURI().getQuery()));
            write(response, callback, method, r);
            log.info("http: " + method + " " + loggable(path) + " -> " + r.status());
            return;
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String authorization = null;
        for (HttpField f : request.getHeaders()) {
            if (f.getName().equalsIgnoreCase("Authorization")) {
                authorization = f.getValue(); // the handler has no use for it; keep it out of everything downstream
            } else {
                headers.computeIfAbsent(f.getName(), k -> new ArrayList<>()).add(f.getValue());
            }
        }
        Caller caller = caller(authorization);
        ApiResponse r = api.handle(new ApiRequest(method, path, headers, body, caller,
                request.getHttpURI().getQuery()));
        write(response, callback, method, r);
        log.info("http: " + method + " " + loggable(path) + " -> " + r.status()
                + (caller.isAnonymous() ? " (anonymous)" : ""));
    }

    private static void write(Response response, Callback callback, String method, ApiResponse r) {
        response.setStatus(r.status());
        r.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        if (r.status() == 401 && r.header("WWW-Authenticate") == null) {
            response.getHeaders().put("WWW-Authenticate", "Bearer realm=\"fathomable\"");
        }
        boolean noBody = r.body().length == 0 || method.equalsIgnoreCase("HEAD");
        response.getHeaders().put("Content-Length", String.valueOf(noBody ? 0 : r.body().length));
        response.write(true, noBody ? ByteBuffer.allocate(0) : ByteBuffer.wrap(r.body()), callback);
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

    /** Paths are the caller's choice: cut, and control characters escaped by the log itself. */
    static String loggable(String path) {
        if (path == null) {
            return "(no path)";
        }
        return path.length() <= MAX_LOGGED_PATH ? path
                : path.substring(0, MAX_LOGGED_PATH) + "... (" + (path.length() - MAX_LOGGED_PATH) + " more characters)";
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
