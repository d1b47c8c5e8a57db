package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A real, memory-only {@link SecretStore} for tests. */
final class InMemorySecretStore implements SecretStore {

    final Map<String, Secret> values = new ConcurrentHashMap<>();

    @Override
    public void put(String id, Secret secret) {
        values.put(id, secret);
    }

    @Override
    public void remove(String id) {
        values.remove(id);
    }

    @Override
    public Optional<Credential> lookup(String credentialsId) {
        return Optional.ofNullable(values.get(credentialsId)).map(Credential.Token::new);
    }

    String reveal(String id) {
        Secret s = values.get(id);
        return s == null ? null : s.reveal();
    }
}
