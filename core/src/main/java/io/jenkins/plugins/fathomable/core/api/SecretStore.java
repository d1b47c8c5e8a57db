package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;

/**
 * Where tokens posted to the REST API are kept, by id; the engine reads them back through
 * {@link CredentialsPort#lookup(String)} as {@link io.jenkins.plugins.fathomable.core.credentials.Credential.Token}.
 * Implementations store the value encrypted or at least owner-only, never log it, and make each call atomic.
 */
public interface SecretStore extends CredentialsPort {

    /** Stores {@code secret} as a token under {@code id}, replacing any previous value. */
    void put(String id, Secret secret);

    /** Removes the secret under {@code id}; does nothing when there is none. */
    void remove(String id);
}
