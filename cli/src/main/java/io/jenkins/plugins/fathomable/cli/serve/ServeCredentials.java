package io.jenkins.plugins.fathomable.cli.serve;

import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Credentials for the engine: tokens posted through the API (the secret store), then registry logins from the
 * config file. A configured password is read from its file or environment variable at each lookup, so it can be
 * rotated without a restart, and never copied into the state directory.
 */
final class ServeCredentials implements CredentialsPort {

    /** The credentials id a registry with {@code username} in the config file is logged in with. */
    static String registryId(String host) {
        return "serve-registry:" + host;
    }

    private record Login(String username, String passwordFile, String passwordEnv) {}

    private final CredentialsPort posted;
    private final Function<String, String> environment;
    private final Map<String, Login> logins = new HashMap<>();

    ServeCredentials(CredentialsPort posted, List<ServeSettings.Registry> registries,
            Function<String, String> environment) {
        this.posted = posted;
        this.environment = environment;
        for (ServeSettings.Registry r : registries) {
            if (r.username() != null) {
                logins.put(registryId(r.host()), new Login(r.username(), r.passwordFile(), r.passwordEnv()));
            }
        }
    }

    @Override
    public Optional<Credential> lookup(String credentialsId) {
        Login login = logins.get(credentialsId);
        if (login == null) {
            return posted.lookup(credentialsId);
        }
        String password;
        if (login.passwordEnv() != null) {
            password = environment.apply(login.passwordEnv());
        } else {
            try {
                password = Files.readString(Path.of(login.passwordFile()), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                password = null; // reported by the registry as a failed login; the path is in the config, not secret
            }
        }
        return password == null || password.isEmpty() ? Optional.empty()
                : Optional.of(new Credential.UsernamePassword(login.username(), Secret.of(password)));
    }
}
