package io.jenkins.plugins.fathomable.core.source.github;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Says in words why GitHub could not be reached. github-api reports a failed connection as an HTTP error with code
 * {@code -1}; the actual reason (refused, unknown host, timeout, TLS) is further down the cause chain.
 */
final class ConnectionFailure {

    private ConnectionFailure() {}

    /** What went wrong connecting, or empty if {@code failure} is not a connection problem. */
    static Optional<String> describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String reason = reason(t);
            if (reason != null) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    private static String reason(Throwable t) {
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (t instanceof UnknownHostException) {
            return "unknown host" + (t.getMessage() == null ? "" : " " + t.getMessage());
        }
        if (t instanceof InterruptedIOException) {
            return "no answer in time";
        }
        if (t instanceof SSLException) {
            return "TLS handshake failed" + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        if (t instanceof SocketException) {
            return "connection failed" + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return null;
    }
}
