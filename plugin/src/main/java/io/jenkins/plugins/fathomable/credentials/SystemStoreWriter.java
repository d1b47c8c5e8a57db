package io.jenkins.plugins.fathomable.credentials;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.BulkChange;
import hudson.model.Saveable;
import hudson.util.Secret;
import java.io.IOException;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/**
 * {@link CredentialsSecretStore.Writer} over the system credentials store (global domain). SYSTEM scope: the
 * token is for Fathomable on the controller, never offered to jobs.
 *
 * <p>The store changes its list in memory and then saves {@code credentials.xml} (atomically: a failed save leaves
 * the old file). When the save fails (a full disk, an unwritable {@code $JENKINS_HOME}), the change is undone in
 * memory without saving, so a failed write changes nothing, now or at the next save by anyone else.
 */
public final class SystemStoreWriter implements CredentialsSecretStore.Writer {

    /** A change of the store that may fail with the save. */
    private interface Change {
        void apply() throws IOException;
    }

    @Override
    public synchronized void put(String id, String description, String secret) throws IOException {
        CredentialsStore store = new SystemCredentialsProvider.StoreImpl();
        Credentials replacement = new StringCredentialsImpl(CredentialsScope.SYSTEM, id, description,
                Secret.fromString(secret));
        Credentials current = existing(store, id);
        if (current == null) {
            change(() -> store.addCredentials(Domain.global(), replacement),
                    () -> store.removeCredentials(Domain.global(), replacement));
        } else {
            change(() -> store.updateCredentials(Domain.global(), current, replacement),
                    () -> store.updateCredentials(Domain.global(), replacement, current));
        }
    }

    @Override
    public synchronized void remove(String id) throws IOException {
        CredentialsStore store = new SystemCredentialsProvider.StoreImpl();
        Credentials current = existing(store, id);
        if (current != null) {
            change(() -> store.removeCredentials(Domain.global(), current),
                    () -> store.addCredentials(Domain.global(), current));
        }
    }

    /**
     * Applies {@code change}; if it fails, applies {@code undo} inside a {@link BulkChange} that is never committed,
     * so the provider does not try to save again (it is what failed) and its memory matches the file once more.
     * An undo of a change that did not happen finds nothing to undo (credentials are equal by id).
     */
    private static void change(Change change, Change undo) throws IOException {
        try {
            change.apply();
        } catch (IOException | RuntimeException e) {
            Saveable provider = SystemCredentialsProvider.getInstance();
            try (BulkChange unsaved = new BulkChange(provider)) {
                undo.apply();
            } catch (IOException | RuntimeException undoFailed) {
                e.addSuppressed(undoFailed);
            }
            throw e;
        }
    }

    private static Credentials existing(CredentialsStore store, String id) {
        return CredentialsMatchers.firstOrNull(store.getCredentials(Domain.global()), CredentialsMatchers.withId(id));
    }
}
