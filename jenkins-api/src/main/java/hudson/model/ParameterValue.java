package hudson.model;

import java.io.Serializable;

/** One build parameter's value. */
public abstract class ParameterValue implements Serializable {

    private static final long serialVersionUID = 1L;

    protected ParameterValue(String name) {
        throw new UnsupportedOperationException();
    }

    public final String getName() {
        throw new UnsupportedOperationException();
    }

    public Object getValue() {
        throw new UnsupportedOperationException();
    }
}
