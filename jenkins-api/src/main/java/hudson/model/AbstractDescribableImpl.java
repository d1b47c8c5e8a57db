package hudson.model;

/** Base of most describables (Pipeline steps, flow definitions). */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
}
