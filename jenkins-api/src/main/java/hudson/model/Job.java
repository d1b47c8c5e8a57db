package hudson.model;

/** A buildable item with runs. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {

    protected Job(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }

    public abstract boolean isBuildable();

    /** The newest run, or {@code null}. */
    public RunT getLastBuild() {
        throw new UnsupportedOperationException();
    }
}
