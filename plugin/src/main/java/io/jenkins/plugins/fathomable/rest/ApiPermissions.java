package io.jenkins.plugins.fathomable.rest;

import io.jenkins.plugins.fathomable.core.api.Caller;
import io.jenkins.plugins.fathomable.core.api.Caller.Permission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Maps Jenkins permissions onto the two the REST API knows: Overall/Administer grants READ and WRITE,
 * Overall/SystemRead grants READ. Reads are GET and HEAD; everything else writes.
 */
final class ApiPermissions {

    private ApiPermissions() {
    }

    static Caller caller(String principal, boolean anonymous, boolean administer, boolean systemRead) {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        if (administer) {
            granted.add(Permission.READ);
            granted.add(Permission.WRITE);
        } else if (systemRead) {
            granted.add(Permission.READ);
        }
        return anonymous || principal == null ? new Caller(null, granted) : new Caller(principal, granted);
    }

    static Permission needed(String method) {
        String m = method.toUpperCase(Locale.ROOT);
        return m.equals("GET") || m.equals("HEAD") ? Permission.READ : Permission.WRITE;
    }

    /** Whether the request may go on to read its body; if not, the API answers 401/403 without it. */
    static boolean allowed(Caller caller, String method) {
        return caller.may(needed(method));
    }
}
