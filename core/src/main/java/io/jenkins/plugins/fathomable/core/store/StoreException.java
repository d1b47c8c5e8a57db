package io.jenkins.plugins.fathomable.core.store;

/** The store could not read or write its files; the message names the file. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
