package hudson.security;

/** A permission; plugins use the constants (e.g. {@code Jenkins.ADMINISTER}), which are read at run time. */
public final class Permission {

    private Permission() {
        throw new UnsupportedOperationException();
    }
}
