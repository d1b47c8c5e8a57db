package hudson.model;

import hudson.ExtensionPoint;
import hudson.triggers.SafeTimerTask;

/** Work Jenkins runs on a fixed period. */
public abstract class PeriodicWork extends SafeTimerTask implements ExtensionPoint {

    /** Compile-time constants, inlined by javac: the values must equal core's. */
    protected static final long MIN = 1000 * 60;
    protected static final long HOUR = 60 * MIN;
    protected static final long DAY = 24 * HOUR;

    public PeriodicWork() {
        throw new UnsupportedOperationException();
    }

    /** Read once, when Jenkins schedules the work. */
    public abstract long getRecurrencePeriod();

    public long getInitialDelay() {
        throw new UnsupportedOperationException();
    }
}
