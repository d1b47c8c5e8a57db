package io.jenkins.plugins.fathomable.core.credentials;

import java.util.Optional;

/**
 * Where the engine resolves credentials ids, late, at each use (Jenkins Credentials in the plugin, an owner-only
 * file in {@code fathomable serve}). Implementations must never log or return the secret in any other way.
 */
public interface CredentialsPort {

    Optional<Credential> lookup(String credentialsId);

    /** A port with no credentials at all, for anonymous access. */
    static CredentialsPort none() {
        return id -> Optional.empty();
    }
}
