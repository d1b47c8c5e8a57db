package hudson.triggers;

import java.util.TimerTask;

/** A timer task whose failures are logged instead of cancelling the timer. */
public abstract class SafeTimerTask extends TimerTask {

    public SafeTimerTask() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final void run() {
        throw new UnsupportedOperationException();
    }

    protected abstract void doRun() throws Exception;
}
