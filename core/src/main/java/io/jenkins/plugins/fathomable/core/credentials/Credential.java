package io.jenkins.plugins.fathomable.core.credentials;

import java.util.Objects;

/** What a credentials id resolves to, at the moment of use. */
public sealed interface Credential permits Credential.Token, Credential.UsernamePassword {

    /** A bearer-style token: a GitHub token, a registry token, a Kubernetes service-account token. */
    record Token(Secret token) implements Credential {
        public Token {
            Objects.requireNonNull(token, "token");
        }
    }

    /** A user name and password (registry basic auth; GitHub user + token). */
    record UsernamePassword(String username, Secret password) implements Credential {
        public UsernamePassword {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }
}
