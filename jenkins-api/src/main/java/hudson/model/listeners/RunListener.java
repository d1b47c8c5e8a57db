package hudson.model.listeners;

import hudson.ExtensionPoint;
import hudson.model.Run;
import hudson.model.TaskListener;

/** Hears runs start and finish; register with {@code @Extension}. */
public abstract class RunListener<R extends Run> implements ExtensionPoint {

    /** Infers the run type from the type argument. */
    protected RunListener() {
        throw new UnsupportedOperationException();
    }

    /** After the run has its result, before it is marked finished. */
    public void onCompleted(R r, TaskListener listener) {
        throw new UnsupportedOperationException();
    }
}
