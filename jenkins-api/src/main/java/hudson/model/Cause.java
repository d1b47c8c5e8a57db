package hudson.model;

/** Why a run was started; persisted with the run (XStream), so subclasses keep simple fields. */
public abstract class Cause {

    /** Shown on the run's page ("Started by ..."). */
    public abstract String getShortDescription();
}
