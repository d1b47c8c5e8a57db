package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/**
 * A running step. Saved with the Pipeline program (fields must be serializable or transient) and resumed by
 * {@link #onResume()} after a controller restart.
 */
public abstract class StepExecution implements Serializable {

    private static final long serialVersionUID = 1L;

    protected StepExecution(StepContext context) {
        throw new UnsupportedOperationException();
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException();
    }

    /** {@code true} if the step completed synchronously; {@code false} if it reports through the context later. */
    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void onResume() {
        throw new UnsupportedOperationException();
    }

    public String getStatus() {
        throw new UnsupportedOperationException();
    }
}
