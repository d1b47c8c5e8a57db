package hudson.util;

import java.io.IOException;

/** The answer of a {@code doCheck*} form validation method. Really an exception, so it can also be thrown. */
public abstract class FormValidation extends IOException {

    private FormValidation() {
        throw new UnsupportedOperationException();
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException();
    }

    /** The message is HTML-escaped by Jenkins. */
    public static FormValidation error(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException();
    }
}
