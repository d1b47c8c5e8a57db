package io.jenkins.plugins.fathomable.testing;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.Secret;
import java.lang.reflect.Constructor;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import sun.reflect.ReflectionFactory;

/**
 * Credentials for tests without Jenkins. {@link Secret} is only declared here (its constructor throws), so instances
 * are made without running it and their plain text is kept in {@link #PLAIN}, which a test's {@code CredentialMapper}
 * reads.
 */
public final class Fakes {

    public static final Map<Secret, String> PLAIN = java.util.Collections.synchronizedMap(new IdentityHashMap<>());

    private Fakes() {
    }

    public static Secret secret(String plain) {
        try {
            Constructor<?> objectCtor = Object.class.getDeclaredConstructor();
            Constructor<?> ctor = ReflectionFactory.getReflectionFactory()
                    .newConstructorForSerialization(Secret.class, objectCtor);
            Secret secret = (Secret) ctor.newInstance();
            PLAIN.put(secret, plain);
            return secret;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static StringCredentials token(String id, String plain) {
        Secret secret = secret(plain);
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
        };
    }

    public static StandardUsernamePasswordCredentials userPassword(String id, String user, String plain) {
        Secret secret = secret(plain);
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
        };
    }
}
