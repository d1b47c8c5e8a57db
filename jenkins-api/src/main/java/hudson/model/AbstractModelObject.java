package hudson.model;

/** Declared only so that {@link jenkins.model.Jenkins} has its real superclass chain. */
public abstract class AbstractModelObject {
}
