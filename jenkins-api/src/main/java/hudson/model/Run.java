package hudson.model;

import java.io.IOException;

/** One run (build) of a {@link Job}. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {

    protected Run(JobT job) throws IOException {
        throw new UnsupportedOperationException();
    }

    /** {@code null} while running. */
    public Result getResult() {
        throw new UnsupportedOperationException();
    }

    /** Relative to the context path, e.g. {@code job/foo/7/}. */
    public String getUrl() {
        throw new UnsupportedOperationException();
    }

    public JobT getParent() {
        throw new UnsupportedOperationException();
    }

    public <T extends Cause> T getCause(Class<T> type) {
        throw new UnsupportedOperationException();
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException();
    }

    public int getNumber() {
        throw new UnsupportedOperationException();
    }

    /** Whether the run has not finished yet (also true for a Pipeline run resumed after a restart). */
    public boolean isBuilding() {
        throw new UnsupportedOperationException();
    }

    /** The run before this one, or {@code null}. */
    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException();
    }
}
