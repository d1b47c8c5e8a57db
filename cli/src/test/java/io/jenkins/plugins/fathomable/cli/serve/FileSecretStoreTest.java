package io.jenkins.plugins.fathomable.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretStoreTest {

    @TempDir
    Path dir;

    private String reveal(FileSecretStore store, String id) {
        return store.lookup(id).map(c -> ((Credential.Token) c).token().reveal()).orElse(null);
    }

    @Test
    void storesEncryptedOwnerOnlyAndReadsBackAfterReopening() throws Exception {
        FileSecretStore store = new FileSecretStore(dir, new SecureRandom());
        store.put("fathomable-a.b", Secret.of("ghp_plain_value_1"));
        store.put("fathomable-c.d", Secret.of("ghp_plain_value_2"));
        store.remove("fathomable-c.d");
        store.remove("never-there");

        assertThat(Files.readString(dir.resolve(FileSecretStore.FILE))).contains("fathomable-a.b").doesNotContain("ghp_plain_value");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(FileSecretStore.FILE)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(FileSecretStore.KEY_FILE)))).isEqualTo("rw-------");

        FileSecretStore reopened = new FileSecretStore(dir, new SecureRandom());
        assertThat(reveal(reopened, "fathomable-a.b")).isEqualTo("ghp_plain_value_1");
        assertThat(reopened.lookup("fathomable-c.d")).isEqualTo(Optional.empty());
    }

    @Test
    void aValueMovedToAnotherIdOrAnotherKeyDoesNotDecrypt() throws Exception {
        FileSecretStore store = new FileSecretStore(dir, new SecureRandom());
        store.put("a", Secret.of("one"));
        Path file = dir.resolve(FileSecretStore.FILE);
        Files.writeString(file, Files.readString(file).replace("\"a\"", "\"b\""));
        FileSecretStore moved = new FileSecretStore(dir, new SecureRandom());
        assertThatThrownBy(() -> moved.lookup("b")).hasMessageContaining("cannot be decrypted").hasMessageNotContaining("one");
    }

    @Test
    void refusesFilesOthersCanRead() throws Exception {
        new FileSecretStore(dir, new SecureRandom()).put("a", Secret.of("one"));
        Files.setPosixFilePermissions(dir.resolve(FileSecretStore.FILE), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> new FileSecretStore(dir, new SecureRandom()))
                .hasMessageContaining("readable by others").hasMessageContaining("chmod 600");
    }

    @Test
    void refusesSecretsWhoseKeyIsGone() throws Exception {
        new FileSecretStore(dir, new SecureRandom()).put("a", Secret.of("one"));
        Files.delete(dir.resolve(FileSecretStore.KEY_FILE));
        assertThatThrownBy(() -> new FileSecretStore(dir, new SecureRandom())).hasMessageContaining("key").hasMessageContaining("missing");
    }

    /** Issue 13, item 8: writes a kill -9 cut short before their rename were never removed. */
    @Test
    void unfinishedWritesLeftByACrashAreRemovedOnOpen() throws Exception {
        FileSecretStore store = new FileSecretStore(dir, new SecureRandom());
        store.put("fathomable-a.b", io.jenkins.plugins.fathomable.core.credentials.Secret.of("tok"));
        java.nio.file.Files.writeString(dir.resolve(".secrets.json1234567.tmp"), "{\"half\":");
        java.nio.file.Files.writeString(dir.resolve(".secrets.key99.tmp"), "x");
        java.nio.file.Files.writeString(dir.resolve("other.tmp"), "not ours");

        FileSecretStore reopened = new FileSecretStore(dir, new SecureRandom());

        assertThat(reopened.lookup("fathomable-a.b")).isPresent();
        assertThat(dir).isDirectoryNotContaining("glob:**/.secrets.*.tmp").isDirectoryContaining("glob:**/other.tmp");
    }
}
