package hudson.security;

/** An object guarded by an ACL. */
public interface AccessControlled {

    /** Throws Spring Security's {@code AccessDeniedException} (unchecked) when the current user lacks it. */
    default void checkPermission(Permission permission) {
        throw new UnsupportedOperationException();
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException();
    }
}
