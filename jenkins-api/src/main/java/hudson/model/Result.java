package hudson.model;

import java.io.Serializable;

/** A run's result: a final class with constants, not an enum. */
public final class Result implements Serializable {

    private static final long serialVersionUID = 1L;

    // Not compile-time constants: read from the real class at run time.
    public static final Result SUCCESS = null;
    public static final Result UNSTABLE = null;
    public static final Result FAILURE = null;
    public static final Result NOT_BUILT = null;
    public static final Result ABORTED = null;

    private Result() {
        throw new UnsupportedOperationException();
    }

    public boolean isBetterOrEqualTo(Result that) {
        throw new UnsupportedOperationException();
    }

    /** The name: SUCCESS, UNSTABLE, FAILURE, NOT_BUILT or ABORTED. */
    @Override
    public String toString() {
        throw new UnsupportedOperationException();
    }
}
