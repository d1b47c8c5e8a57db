package io.jenkins.plugins.fathomable.credentials;

import io.jenkins.plugins.fathomable.core.api.DefaultTrackerService;
import io.jenkins.plugins.fathomable.core.api.SecretStore;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.CredentialsPort;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Tokens posted through the REST API, kept as secret-text credentials in Fathomable's own credentials store
 * ({@link FathomableCredentialsProvider}) under {@code fathomable-<group>.<name>} (encrypted by Jenkins like every
 * credential); nothing else holds them. Only ids with that reserved prefix are written or removed, so the API can
 * never overwrite an admin's credentials.
 */
public final class CredentialsSecretStore implements SecretStore {

    /** Writes secret-text credentials; {@link TrackerTokensWriter} in Jenkins. */
    public interface Writer {
        /** Adds or replaces the secret text with this id. */
        void put(String id, String description, String secret) throws IOException;

        /** Removes the credentials with this id, if any. */
        void remove(String id) throws IOException;
    }

    private final Writer writer;
    private final CredentialsPort reader;

    public CredentialsSecretStore(Writer writer, CredentialsPort reader) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    static String description(String id) {
        return "Token for Fathomable tracker " + id.substring(DefaultTrackerService.SECRET_PREFIX.length())
                + " (posted through the REST API)";
    }

    @Override
    public void put(String id, Secret secret) {
        requireReserved(id);
        Objects.requireNonNull(secret, "secret");
        try {
            writer.put(id, description(id), secret.reveal());
        } catch (IOException e) {
            throw new UncheckedIOException("could not store credentials " + id, e);
        }
    }

    @Override
    public void remove(String id) {
        requireReserved(id);
        try {
            writer.remove(id);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove credentials " + id, e);
        }
    }

    @Override
    public Optional<Credential> lookup(String credentialsId) {
        return reader.lookup(credentialsId);
    }

    private static void requireReserved(String id) {
        if (id == null || !id.startsWith(DefaultTrackerService.SECRET_PREFIX)
                || id.length() == DefaultTrackerService.SECRET_PREFIX.length()) {
            throw new IllegalArgumentException("only ids starting with " + DefaultTrackerService.SECRET_PREFIX
                    + " are managed by Fathomable, got " + id);
        }
    }
}
