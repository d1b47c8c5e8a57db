package hudson.security;

import org.springframework.security.core.Authentication;

/** Access control lists; here only the system identity and the anonymous check. */
public abstract class ACL {

    /** Not a compile-time constant, so callers read the real field at run time. */
    public static final Authentication SYSTEM2 = null;

    public static boolean isAnonymous2(Authentication authentication) {
        throw new UnsupportedOperationException();
    }
}
