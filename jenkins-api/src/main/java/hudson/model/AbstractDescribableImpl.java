package hudson.model;

/** Base class of most {@link Describable}s. */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {

    public AbstractDescribableImpl() {
        throw new UnsupportedOperationException();
    }
}
