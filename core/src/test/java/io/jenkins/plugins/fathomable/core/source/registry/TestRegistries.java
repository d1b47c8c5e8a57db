package io.jenkins.plugins.fathomable.core.source.registry;

import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.source.RequestCounter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Builds registry clients for tests against a {@link RegistryServer}. */
final class TestRegistries {

    private TestRegistries() {}

    static CredentialsPort credentials(String id, String username, String password) {
        Map<String, Credential> store = Map.of(id, new Credential.UsernamePassword(username, Secret.of(password)));
        return requested -> Optional.ofNullable(store.get(requested));
    }

    static RegistryClient client(RegistryServer registry, String credentialsId, CredentialsPort credentials,
            RequestCounter counter, Clock clock) {
        RegistryConfig config = RegistryConfig.anonymous();
        if (credentialsId != null) {
            config = config.with(RegistryConfig.Registry.of(registry.host(), credentialsId));
        }
        return new RegistryClient(HttpClient.newHttpClient(), config, credentials, counter, clock, Sleeper.system());
    }
}
