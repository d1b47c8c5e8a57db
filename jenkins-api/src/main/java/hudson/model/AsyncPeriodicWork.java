package hudson.model;

import java.io.IOException;

/** {@link PeriodicWork} run on its own thread, with its log kept in a file Jenkins manages. */
public abstract class AsyncPeriodicWork extends PeriodicWork {

    public final String name;

    protected AsyncPeriodicWork(String name) {
        this.name = name;
        throw new UnsupportedOperationException();
    }

    @Override
    public final void doRun() {
        throw new UnsupportedOperationException();
    }

    protected abstract void execute(TaskListener listener) throws IOException, InterruptedException;
}
