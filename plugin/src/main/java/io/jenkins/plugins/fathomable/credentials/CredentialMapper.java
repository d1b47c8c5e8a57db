package io.jenkins.plugins.fathomable.credentials;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Turns Jenkins credentials into core's {@link Credential}: secret text → a token; username/password (GitHub App
 * credentials are one: their password is a fresh installation token) → user and password. Other kinds are not
 * usable by the engine and map to nothing. The plain text is read here, at the moment of use, and wrapped at once
 * in core's masked {@link Secret}.
 */
public final class CredentialMapper {

    CredentialMapper() {
    }

    public static CredentialMapper jenkins() {
        return new CredentialMapper();
    }

    Optional<Credential> toCore(Credentials credentials) {
        if (credentials instanceof StringCredentials token) {
            return reveal(token.getSecret()).map(s -> new Credential.Token(Secret.of(s)));
        }
        if (credentials instanceof StandardUsernamePasswordCredentials up) {
            String username = up.getUsername() == null ? "" : up.getUsername();
            return reveal(up.getPassword()).map(p -> new Credential.UsernamePassword(username, Secret.of(p)));
        }
        return Optional.empty();
    }

    private Optional<String> reveal(hudson.util.Secret secret) {
        return secret == null ? Optional.empty() : Optional.ofNullable(secret.getPlainText());
    }
}
