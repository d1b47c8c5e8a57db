package io.jenkins.plugins.fathomable.credentials;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.util.Secret;
import java.io.IOException;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/**
 * {@link CredentialsSecretStore.Writer} over Fathomable's own credentials store ({@link FathomableCredentialsProvider}).
 * SYSTEM scope: the token is for Fathomable on the controller, never offered to jobs.
 */
public final class TrackerTokensWriter implements CredentialsSecretStore.Writer {

    @Override
    public synchronized void put(String id, String description, String secret) throws IOException {
        FathomableCredentialsProvider.StoreImpl store = FathomableCredentialsProvider.store();
        Credentials replacement = new StringCredentialsImpl(CredentialsScope.SYSTEM, id, description,
                Secret.fromString(secret));
        Credentials current = store.byId(id);
        if (current == null) {
            store.addCredentials(Domain.global(), replacement);
        } else {
            store.updateCredentials(Domain.global(), current, replacement);
        }
    }

    @Override
    public synchronized void remove(String id) throws IOException {
        FathomableCredentialsProvider.StoreImpl store = FathomableCredentialsProvider.store();
        Credentials current = store.byId(id);
        if (current != null) {
            store.removeCredentials(Domain.global(), current);
        }
    }
}
