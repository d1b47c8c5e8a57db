package io.jenkins.plugins.fathomable.cli.serve;

import java.net.BindException;
import java.nio.file.AccessDeniedException;

/**
 * Why {@code serve} could not start, in one line a person can act on; printed as {@code fathomable serve: <message>}
 * with exit status 2. docs/serve.md lists them.
 */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message, null, false, false);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** The listening socket could not be opened. */
    static StartupException listening(String bind, int port, Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        String reason = String.valueOf(cause.getMessage());
        if (cause instanceof BindException && reason.contains("in use")) {
            return new StartupException("port " + port + " on " + bind + " is in use by another program (Jenkins"
                    + " listens on 8080 by default); choose another with --port, or --port 0 for any free one", e);
        }
        if (cause instanceof BindException || cause instanceof java.nio.channels.UnresolvedAddressException
                || cause instanceof java.net.UnknownHostException) {
            return new StartupException("cannot listen on " + bind + ":" + port + " (" + reason + "); --bind must be"
                    + " an address of this machine, such as 127.0.0.1 or 0.0.0.0", e);
        }
        return new StartupException("cannot listen on " + bind + ":" + port + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + reason), e);
    }

    /** A file or directory of the state directory could not be created, read or written. */
    static StartupException stateDir(String what, java.nio.file.Path path, Throwable e) {
        Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof java.nio.file.FileSystemException fse && (cause instanceof AccessDeniedException
                || String.valueOf(fse.getReason()).matches("(?i).*(not permitted|read-only).*"))) {
            String reason = fse.getReason() == null ? "permission denied" : fse.getReason().toLowerCase(java.util.Locale.ROOT);
            return new StartupException("cannot " + what + " " + path + ": " + reason + "; the state directory"
                    + " must be writable by this user (or choose another with --state-dir)", e);
        }
        return new StartupException("cannot " + what + " " + path + ": " + (cause == null ? "" : cause.getClass()
                .getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage())), e);
    }
}
