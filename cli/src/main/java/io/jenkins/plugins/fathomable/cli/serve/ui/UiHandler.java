package io.jenkins.plugins.fathomable.cli.serve.ui;

import io.jenkins.plugins.fathomable.core.dashboard.Dashboard;
import io.jenkins.plugins.fathomable.core.dashboard.OverviewQuery;
import io.jenkins.plugins.fathomable.core.release.ReleaseOperations;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * {@code serve}'s pages under {@code /ui/}: the overview and the page of each tracker, from core's {@link Dashboard}
 * (the same content as Manage Jenkins » Fathomable), written by {@link OverviewHtml} and {@link TrackerHtml}.
 *
 * <p>Who may see what: the admin token, as a bearer token or entered once on the login page (which opens a session:
 * an HttpOnly, SameSite=Strict cookie holding a random id), makes the admin, who sees the operations; without it
 * the pages are read-only, and only when {@code --open-reads} lets anyone read (otherwise they lead to the login
 * page). Every POST needs the admin and, from a session, the session's form token and a same-origin request. Pages
 * carry a Content Security Policy that allows no inline script or style: the style sheet and the one script are
 * files. Requests that are not under {@code /ui/} (nor {@code /}) are left to the REST handler.
 */
public final class UiHandler extends Handler.Abstract {

    /** The form field carrying the session's token. */
    static final String FORM_TOKEN = "formToken";
    static final int MAX_FORM_BYTES = 8 * 1024;
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Dashboard dashboard;
    private final ReleaseOperations operations;
    private final Predicate<String> adminToken;
    private final boolean openReads;
    private final Runnable pollSoon;
    private final Consumer<String> log;
    private final Duration bodyTimeout;
    private final UiSessions sessions;
    private final UiActions actions;

    /**
     * @param dashboard  the pages' content, or {@code null} when the engine offers none (the pages then say so)
     * @param operations the release operations, or {@code null} when there are none
     * @param adminToken whether a presented token is the admin token
     * @param pollSoon   starts a poll pass in the background ("Poll now")
     */
    public UiHandler(Dashboard dashboard, ReleaseOperations operations, Predicate<String> adminToken, boolean openReads,
            Runnable pollSoon, Consumer<String> log, Duration bodyTimeout, SecureRandom random, Clock clock) {
        this.dashboard = dashboard;
        this.operations = operations;
        this.adminToken = adminToken;
        this.openReads = openReads;
        this.pollSoon = pollSoon;
        this.log = log;
        this.bodyTimeout = bodyTimeout;
        this.sessions = new UiSessions(random, clock);
        this.actions = new UiActions(dashboard, operations);
    }

    /** Whether {@code path} is one of the pages' (the REST handler answers everything else). */
    public static boolean owns(String path) {
        return path != null && (path.equals("/") || path.equals("/ui") || path.startsWith("/ui/"));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        if (!owns(path)) {
            return false;
        }
        String method = request.getMethod();
        headers(response);
        if (path.equals("/") || path.equals("/ui")) {
            return redirect(response, callback, Page.ROOT);
        }
        if (path.startsWith("/ui/static/")) {
            return UiStatic.serve(path.substring("/ui/static/".length()), method, response, callback);
        }
        if (method.equals("POST")) {
            readForm(request).orTimeout(bodyTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .thenAcceptAsync(form -> post(request, response, callback, path, form),
                            request.getComponents().getExecutor())
                    .exceptionally(e -> {
                        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                                ? e.getCause() : e;
                        log.accept("ui: POST " + path + " -> 400 (" + cause.getClass().getSimpleName() + ")");
                        send(response, callback, 400, "text/plain", Labels.get("badForm"));
                        return null;
                    });
            return true;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.getHeaders().put("Allow", "GET, POST");
            return send(response, callback, 405, "text/plain", Labels.get("methodNotAllowed"));
        }
        get(request, response, callback, path); // handle() runs on one of the server's bounded threads
        return true;
    }

    private void get(Request request, Response response, Callback callback, String path) {
        Viewer viewer = viewer(request);
        if (path.equals("/ui/login")) {
            send(response, callback, 200, LoginHtml.TYPE, LoginHtml.render(null, viewer));
            return;
        }
        if (viewer == null) {
            redirect(response, callback, "/ui/login");
            return;
        }
        if (dashboard == null) {
            send(response, callback, 503, "text/plain", Labels.get("unavailable"));
            return;
        }
        if (path.equals(Page.ROOT)) {
            OverviewQuery query = OverviewQuery.parse(name -> Request.extractQueryParameters(request).getValue(name));
            send(response, callback, 200, LoginHtml.TYPE, OverviewHtml.render(dashboard.overview(query), viewer));
            return;
        }
        UiActions.Target target = UiActions.target(path);
        if (target == null || target.operation() != null) {
            send(response, callback, 404, LoginHtml.TYPE, NotFoundHtml.render(viewer));
            return;
        }
        var page = dashboard.tracker(target.tracker());
        if (page.isEmpty()) {
            send(response, callback, 404, LoginHtml.TYPE, NotFoundHtml.render(viewer));
            return;
        }
        send(response, callback, 200, LoginHtml.TYPE, TrackerHtml.render(page.get(), viewer, null));
    }

    private void post(Request request, Response response, Callback callback, String path, Map<String, String> form) {
        if (!sameOrigin(request)) {
            log.accept("ui: POST " + path + " -> 403 (from another site)");
            send(response, callback, 403, "text/plain", Labels.get("crossSite"));
            return;
        }
        if (path.equals("/ui/login")) {
            login(request, response, callback, form);
            return;
        }
        Viewer viewer = viewer(request);
        if (viewer == null || !viewer.admin()) {
            log.accept("ui: POST " + path + " -> 403 (not the admin)");
            send(response, callback, 403, "text/plain", Labels.get("adminOnly"));
            return;
        }
        if (viewer.session() && !UiSessions.formTokenMatches(session(request), form.get(FORM_TOKEN))) {
            log.accept("ui: POST " + path + " -> 403 (no valid form token)");
            send(response, callback, 403, "text/plain", Labels.get("formToken"));
            return;
        }
        if (path.equals("/ui/logout")) {
            sessions.remove(cookie(request));
            response.getHeaders().put("Set-Cookie", UiSessions.COOKIE + "=; Path=/ui; Max-Age=0; HttpOnly; SameSite=Strict");
            redirect(response, callback, "/ui/login");
            return;
        }
        if (path.equals("/ui/poll")) {
            pollSoon.run();
            log.accept("ui: poll now by admin");
            redirect(response, callback, Page.ROOT);
            return;
        }
        UiActions.Result result = actions.run(path, form, viewer);
        log.accept("ui: POST " + path + " -> " + result.status());
        if (result.status() == 303) {
            redirect(response, callback, result.location());
        } else {
            send(response, callback, result.status(), LoginHtml.TYPE, result.html());
        }
    }

    private void login(Request request, Response response, Callback callback, Map<String, String> form) {
        String token = form.get("token");
        if (token == null || !adminToken.test(token.trim())) {
            log.accept("ui: login refused");
            send(response, callback, 401, LoginHtml.TYPE, LoginHtml.render(Labels.get("wrongToken"), viewer(request)));
            return;
        }
        UiSessions.Session s = sessions.create();
        boolean secure = request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
        response.getHeaders().put("Set-Cookie", UiSessions.COOKIE + "=" + s.id() + "; Path=/ui; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : ""));
        log.accept("ui: admin signed in");
        redirect(response, callback, Page.ROOT);
    }

    /** Who asks: the admin (bearer token or session), a reader ({@code --open-reads}), or nobody ({@code null}). */
    private Viewer viewer(Request request) {
        String authorization = request.getHeaders().get("Authorization");
        if (authorization != null && authorization.length() > 7
                && authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")
                && adminToken.test(authorization.substring(7).trim())) {
            return new Viewer(true, null, false);
        }
        UiSessions.Session s = session(request);
        if (s != null) {
            return new Viewer(true, s.formToken(), true);
        }
        return openReads ? Viewer.READER : null;
    }

    private UiSessions.Session session(Request request) {
        return sessions.find(cookie(request)).orElse(null);
    }

    private static String cookie(Request request) {
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(UiSessions.COOKIE)) {
                return c.getValue();
            }
        }
        return null;
    }

    /** A browser's cross-site POST says so (Sec-Fetch-Site, Origin); requests of scripts carry neither. */
    static boolean sameOrigin(Request request) {
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = request.getHeaders().get("Origin");
        if (origin == null) {
            return true;
        }
        String host = request.getHeaders().get("Host");
        return host != null && (origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host));
    }

    private static CompletableFuture<Map<String, String>> readForm(Request request) {
        if (request.getLength() > MAX_FORM_BYTES) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("form too large"));
        }
        return Content.Source.asByteArrayAsync(request, MAX_FORM_BYTES)
                .thenApply(bytes -> {
                    // a name given twice keeps its first value
                    Map<String, String> form = new HashMap<>();
                    UrlEncoded.decodeTo(new String(bytes, StandardCharsets.UTF_8), form::putIfAbsent, StandardCharsets.UTF_8);
                    return form;
                });
    }

    private static void headers(Response response) {
        response.getHeaders().put("Content-Security-Policy", CSP);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the pages' own forms
        response.getHeaders().put("Referrer-Policy", "same-origin");
    }

    private static boolean redirect(Response response, Callback callback, String location) {
        response.setStatus(303);
        response.getHeaders().put("Location", location);
        response.getHeaders().put("Cache-Control", "no-store");
        response.getHeaders().put("Content-Length", "0");
        response.write(true, ByteBuffer.allocate(0), callback);
        return true;
    }

    static boolean send(Response response, Callback callback, int status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put("Content-Type", type.contains("charset") ? type : type + "; charset=utf-8");
        response.getHeaders().put("Cache-Control", "no-store");
        response.getHeaders().put("Content-Length", String.valueOf(bytes.length));
        response.write(true, ByteBuffer.wrap(bytes), callback);
        return true;
    }
}
