package hudson.model.queue;

import hudson.ExtensionPoint;
import hudson.model.Queue;

/** Hears items enter and leave the queue; register with {@code @Extension}. */
public abstract class QueueListener implements ExtensionPoint {

    /** The item left the queue: it started to run, or it was cancelled ({@link Queue.LeftItem#isCancelled()}). */
    public void onLeft(Queue.LeftItem li) {
        throw new UnsupportedOperationException();
    }
}
