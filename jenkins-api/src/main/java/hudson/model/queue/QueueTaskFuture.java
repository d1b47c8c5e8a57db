package hudson.model.queue;

import java.util.concurrent.Future;

/** A scheduled task; the real type parameter is bounded by Queue.Executable (not needed by these declarations). */
public interface QueueTaskFuture<R> extends Future<R> {
}
