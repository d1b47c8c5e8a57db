package io.jenkins.plugins.fathomable.cli.serve;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.fathomable.core.api.SecretStore;
import io.jenkins.plugins.fathomable.core.credentials.Credential;
import io.jenkins.plugins.fathomable.core.credentials.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens for {@code fathomable serve}, in {@code secrets.json} under the state directory, each value encrypted with
 * AES-256-GCM (its id as associated data, so a value cannot be moved to another id). The key is in
 * {@code secrets.key}; both files are 0600. The key beside the data keeps secrets out of plain text in backups of
 * {@code secrets.json} and in casual reads; protecting the whole state directory (disk encryption, owner) is the
 * host's job.
 */
public final class FileSecretStore implements SecretStore {

    static final String FILE = "secrets.json";
    static final String KEY_FILE = "secrets.key";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Path file;
    private final SecretKey key;
    private final SecureRandom random;
    private final ObjectMapper mapper = new ObjectMapper();
    private Map<String, String> sealed; // id -> base64(iv | ciphertext); replaced whole on each write

    public FileSecretStore(Path stateDir, SecureRandom random) {
        this.random = random;
        this.file = stateDir.resolve(FILE);
        // Writes a kill -9 interrupted before their rename: never valid, never removed otherwise.
        OwnerOnlyFiles.removeLeftovers(file);
        OwnerOnlyFiles.removeLeftovers(stateDir.resolve(KEY_FILE));
        this.key = loadOrCreateKey(stateDir.resolve(KEY_FILE));
        this.sealed = load();
    }

    @Override
    public synchronized void put(String id, Secret secret) {
        Map<String, String> next = new TreeMap<>(sealed);
        next.put(id, seal(id, secret.reveal()));
        save(next);
    }

    @Override
    public synchronized void remove(String id) {
        if (sealed.containsKey(id)) {
            Map<String, String> next = new TreeMap<>(sealed);
            next.remove(id);
            save(next);
        }
    }

    @Override
    public synchronized Optional<Credential> lookup(String id) {
        String value = sealed.get(id);
        return value == null ? Optional.empty() : Optional.of(new Credential.Token(Secret.of(open(id, value))));
    }

    private void save(Map<String, String> next) {
        try {
            OwnerOnlyFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(next));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        sealed = Map.copyOf(next); // only once the file holds it: a failed write changes nothing
    }

    private Map<String, String> load() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        OwnerOnlyFiles.checkOwnerOnly(file);
        try {
            return Map.copyOf(mapper.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() {}));
        } catch (IOException e) {
            throw new IllegalStateException(file + " is not a valid secrets file (a JSON object of id to sealed value)");
        }
    }

    private SecretKey loadOrCreateKey(Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                OwnerOnlyFiles.checkOwnerOnly(keyFile);
                byte[] bytes = Files.readAllBytes(keyFile);
                if (bytes.length != 32) {
                    throw new IllegalStateException(keyFile + " is not a 256-bit key");
                }
                return new SecretKeySpec(bytes, "AES");
            }
            if (Files.exists(file)) {
                throw new IllegalStateException(file + " exists but its key " + keyFile + " is missing");
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            OwnerOnlyFiles.write(keyFile, bytes);
            return new SecretKeySpec(bytes, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + keyFile, e);
        }
    }

    private String seal(String id, String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret (AES-GCM unavailable?)", e);
        }
    }

    private String open(String id, String value) {
        try {
            byte[] all = Base64.getDecoder().decode(value);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            c.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the secret " + id + " in " + file
                    + " cannot be decrypted (was " + KEY_FILE + " replaced?)");
        }
    }
}
