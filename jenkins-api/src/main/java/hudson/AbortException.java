package hudson;

import java.io.IOException;

/** Fails a build or step with just this message in the log (no stack trace). */
public class AbortException extends IOException {

    private static final long serialVersionUID = 1L;

    public AbortException(String message) {
        throw new UnsupportedOperationException();
    }
}
