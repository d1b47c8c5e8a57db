package hudson.util;

import java.io.Serializable;

/** A secret kept encrypted on disk and in forms. */
public final class Secret implements Serializable {

    private static final long serialVersionUID = 1L;

    private Secret() {
        throw new UnsupportedOperationException();
    }

    public static Secret fromString(String data) {
        throw new UnsupportedOperationException();
    }

    public String getPlainText() {
        throw new UnsupportedOperationException();
    }
}
