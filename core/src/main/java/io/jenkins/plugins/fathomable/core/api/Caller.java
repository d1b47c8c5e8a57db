package io.jenkins.plugins.fathomable.core.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as the host authenticated them. The host maps its own permissions onto the two the API knows
 * (the Jenkins plugin: Overall/SystemRead to {@link Permission#READ}, Administer to {@link Permission#WRITE};
 * {@code fathomable serve}: the admin token grants both, {@code --open-reads} grants READ to anyone).
 *
 * @param principal   the authenticated name, or {@code null} for an anonymous caller
 * @param permissions what the caller may do
 */
public record Caller(String principal, Set<Permission> permissions) {

    public enum Permission { READ, WRITE }

    public Caller {
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    public static Caller anonymous(Permission... granted) {
        return new Caller(null, Set.of(granted));
    }

    public static Caller authenticated(String principal, Permission... granted) {
        return new Caller(Objects.requireNonNull(principal, "principal"), Set.of(granted));
    }

    public boolean isAnonymous() {
        return principal == null;
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}
