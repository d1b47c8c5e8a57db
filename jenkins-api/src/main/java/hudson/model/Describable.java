package hudson.model;

/** Something configurable whose form and metadata come from a {@link Descriptor}. */
public interface Describable<T extends Describable<T>> {

    /** A default method since Jenkins 2.505 (looks the descriptor up by class). */
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
