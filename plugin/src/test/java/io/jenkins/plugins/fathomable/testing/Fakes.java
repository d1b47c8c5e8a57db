package io.jenkins.plugins.fathomable.testing;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Credentials for tests without a running Jenkins: the credentials plugin's interfaces over real {@link Secret}s
 * ({@code Secret.fromString} works without Jenkins; only encrypting needs its key store). Their descriptor is the one
 * thing that needs Jenkins, so asking for it fails.
 */
public final class Fakes {

    private Fakes() {
    }

    public static StringCredentials token(String id, String plain) {
        Secret secret = Secret.fromString(plain);
        return new StringCredentials() {
            @Override
            public Secret getSecret() {
                return secret;
            }

            @Override
            public String getDescription() {
                return "token";
            }

            @Override
            public String getId() {
                return id;
            }

            @Override
            public CredentialsScope getScope() {
                return CredentialsScope.GLOBAL;
            }

            @Override
            public CredentialsDescriptor getDescriptor() {
                throw new UnsupportedOperationException("no descriptors without Jenkins");
            }
        };
    }

    public static StandardUsernamePasswordCredentials userPassword(String id, String user, String plain) {
        Secret secret = Secret.fromString(plain);
        return new StandardUsernamePasswordCredentials() {
            @Override
            public Secret getPassword() {
                return secret;
            }

            @Override
            public String getUsername() {
                return user;
            }

            @Override
            public String getDescription() {
                return "user";
            }

            @Override
            public String getId() {
                return id;
            }

            @Override
            public CredentialsScope getScope() {
                return CredentialsScope.GLOBAL;
            }

            @Override
            public CredentialsDescriptor getDescriptor() {
                throw new UnsupportedOperationException("no descriptors without Jenkins");
            }
        };
    }

    /** Neither a token nor a username/password (like an SSH key or a certificate). */
    public static StandardCredentials other(String id) {
        return new StandardCredentials() {
            @Override
            public String getDescription() {
                return "other";
            }

            @Override
            public String getId() {
                return id;
            }

            @Override
            public CredentialsScope getScope() {
                return CredentialsScope.GLOBAL;
            }

            @Override
            public CredentialsDescriptor getDescriptor() {
                throw new UnsupportedOperationException("no descriptors without Jenkins");
            }
        };
    }
}
