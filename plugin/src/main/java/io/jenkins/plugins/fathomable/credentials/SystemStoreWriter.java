package io.jenkins.plugins.fathomable.credentials;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.util.Secret;
import java.io.IOException;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/**
 * {@link CredentialsSecretStore.Writer} over the system credentials store (global domain). SYSTEM scope: the
 * token is for Fathomable on the controller, never offered to jobs.
 */
public final class SystemStoreWriter implements CredentialsSecretStore.Writer {

    @Override
    public synchronized void put(String id, String description, String secret) throws IOException {
        CredentialsStore store = new SystemCredentialsProvider.StoreImpl();
        Credentials replacement = new StringCredentialsImpl(CredentialsScope.SYSTEM, id, description,
                Secret.fromString(secret));
        Credentials current = existing(store, id);
        if (current == null) {
            store.addCredentials(Domain.global(), replacement);
        } else {
            store.updateCredentials(Domain.global(), current, replacement);
        }
    }

    @Override
    public synchronized void remove(String id) throws IOException {
        CredentialsStore store = new SystemCredentialsProvider.StoreImpl();
        Credentials current = existing(store, id);
        if (current != null) {
            store.removeCredentials(Domain.global(), current);
        }
    }

    private static Credentials existing(CredentialsStore store, String id) {
        return CredentialsMatchers.firstOrNull(store.getCredentials(Domain.global()), CredentialsMatchers.withId(id));
    }
}
