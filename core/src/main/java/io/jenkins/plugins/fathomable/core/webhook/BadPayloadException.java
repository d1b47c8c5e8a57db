package io.jenkins.plugins.fathomable.core.webhook;

/** A webhook body that is not what its sender documents; answered 400 and changes nothing. Never quotes secrets. */
public final class BadPayloadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadPayloadException(String message) {
        super(message, null, false, false);
    }
}
