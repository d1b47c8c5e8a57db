package io.jenkins.plugins.fathomable.cli.serve;

import io.jenkins.plugins.fathomable.cli.serve.ui.UiHandler;
import io.jenkins.plugins.fathomable.core.api.ApiResponse;
import io.jenkins.plugins.fathomable.core.api.TrackerApi;
import io.jenkins.plugins.fathomable.core.api.WebhookRoutes;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP side of {@code serve}: Jetty 12, the server Jenkins itself runs on. Connections that send nothing (or a
 * request line and then nothing) are closed after {@link #IDLE_TIMEOUT} and hold no thread meanwhile; a body must
 * arrive within {@link #BODY_TIMEOUT}; threads, pending connections and open connections (so queued work) are bounded;
 * requests Jetty cannot parse get the API's JSON error form.
 */
final class ApiServer implements AutoCloseable {

    /** Longest silence while reading a request (its headers, or the next part of its body). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** Longest time a whole request body may take to arrive. */
    static final Duration BODY_TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_THREADS = 32;
    static final int ACCEPT_QUEUE = 64;
    static final int MAX_CONNECTIONS = 512;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final Server server;
    private final ServerConnector connector;

    private ApiServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * Listens on {@code bind:port} and serves {@code api}.
     *
     * @throws StartupException if the address cannot be used (port taken, not an address of this machine)
     */
    static ApiServer start(String bind, int port, TrackerApi api, AdminToken token, boolean openReads, ServeLog log) {
        return start(bind, port, api, null, null, token, openReads, log);
    }

    /**
     * The same, with the pages under {@code /ui/} in front of the REST routes ({@code ui} may be {@code null}) and
     * the webhook receivers ({@code webhooks} may be {@code null} for none).
     */
    static ApiServer start(String bind, int port, TrackerApi api, UiHandler ui, WebhookRoutes webhooks,
            AdminToken token, boolean openReads, ServeLog log) {
        // Jetty's advice: an unbounded task queue (a bounded one can reject its own selector work); what bounds the
        // queued work is the connection limit below, each connection having at most one request in flight.
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4, 60_000);
        threads.setName("fathomable-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        server.setErrorHandler(new JsonErrors(api));
        Executor work = threads;
        ApiHandler rest = new ApiHandler(api, webhooks, token, openReads, log, work, BODY_TIMEOUT);
        server.setHandler(ui == null ? rest : new Handler.Sequence(ui, rest));
        server.setStopTimeout(10_000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw StartupException.listening(bind, port, e);
        }
        return new ApiServer(server, connector);
    }

    URI baseUri() {
        String host = connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Stops taking connections and lets requests in flight finish (at most 10 seconds). */
    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping is best effort; the process is ending or the start already failed
        }
    }

    /** Jetty's own refusals (unparseable request, headers too large...) in the API's error form, never HTML. */
    private static final class JsonErrors extends ErrorHandler {
        private final TrackerApi api;

        JsonErrors(TrackerApi api) {
            this.api = api;
            setShowStacks(false);
            setShowCauses(false);
        }

        // Every answer here closes the connection and says so. Jetty closes some connections after refusing a
        // request (after PUT /trackers/%00.x, for one) without saying it: a client then sent its next request on a
        // connection that was going away and got no answer at all (RestFuzzTest, about one run in eight).

        /** Jetty's default answers PUT and DELETE with an empty body; the API's clients get its JSON form for every method. */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            ApiResponse r = api.badRequest(status, reason);
            fields.put("Content-Type", ApiResponse.JSON);
            fields.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            return ByteBuffer.wrap(r.body());
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                Callback callback) {
            ApiResponse r = api.badRequest(code, message);
            response.getHeaders().put("Content-Type", ApiResponse.JSON);
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            response.write(true, ByteBuffer.wrap(r.body()), callback);
        }
    }
}
