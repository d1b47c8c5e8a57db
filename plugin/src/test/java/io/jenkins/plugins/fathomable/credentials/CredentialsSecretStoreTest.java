package io.jenkins.plugins.fathomable.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.api.DefaultTrackerService;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsSecretStoreTest {

    /** Stands in for the system credentials store. */
    private static final class MemoryWriter implements CredentialsSecretStore.Writer {
        final Map<String, String> secrets = new LinkedHashMap<>();
        final Map<String, String> descriptions = new LinkedHashMap<>();
        boolean fail;

        @Override
        public void put(String id, String description, String secret) throws IOException {
            if (fail) {
                throw new IOException("disk full");
            }
            secrets.put(id, secret);
            descriptions.put(id, description);
        }

        @Override
        public void remove(String id) throws IOException {
            secrets.remove(id);
        }
    }

    private final MemoryWriter writer = new MemoryWriter();
    private final CredentialsSecretStore store = new CredentialsSecretStore(writer,
            id -> Optional.ofNullable(writer.secrets.get(id)).map(s -> new Credential.Token(Secret.of(s))));

    @Test
    void tokensAreStoredUnderTheTrackersReservedId() {
        String id = DefaultTrackerService.secretId(TrackerId.parse("payments.api"));

        store.put(id, Secret.of("ghp_abc"));

        assertThat(id).isEqualTo("fathomable-payments.api");
        assertThat(writer.secrets).containsExactly(Map.entry("fathomable-payments.api", "ghp_abc"));
        assertThat(writer.descriptions.get(id)).contains("payments.api").doesNotContain("ghp_abc");
        assertThat(store.lookup(id)).get().isInstanceOfSatisfying(Credential.Token.class,
                t -> assertThat(t.token().reveal()).isEqualTo("ghp_abc"));
    }

    @Test
    void replacingAndRemovingWorkOnTheSameId() {
        store.put("fathomable-payments.api", Secret.of("old"));
        store.put("fathomable-payments.api", Secret.of("new"));
        assertThat(writer.secrets).containsExactly(Map.entry("fathomable-payments.api", "new"));

        store.remove("fathomable-payments.api");
        assertThat(writer.secrets).isEmpty();
    }

    @Test
    void idsOutsideTheReservedPrefixAreNeverWritten() {
        assertThatThrownBy(() -> store.put("github-admin-token", Secret.of("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.remove("github-admin-token")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("fathomable-", Secret.of("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(writer.secrets).isEmpty();
    }

    @Test
    void aFailedWriteIsReportedWithoutTheSecret() {
        writer.fail = true;

        assertThatThrownBy(() -> store.put("fathomable-payments.api", Secret.of("ghp_abc")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("fathomable-payments.api")
                .hasMessageNotContaining("ghp_abc");
    }
}
