package io.jenkins.plugins.fathomable.cli.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The admin API token of {@code fathomable serve}. Only its SHA-256 is kept (in {@code admin-token.sha256}, 0600):
 * the token is 256 random bits, so a fast hash is enough, and a stolen state directory does not yield it.
 * {@code FATHOMABLE_ADMIN_TOKEN} sets the token instead (nothing is written then).
 */
public final class AdminToken {

    static final String FILE = "admin-token.sha256";
    public static final String ENV = "FATHOMABLE_ADMIN_TOKEN";

    private final byte[] hash;
    private final String generated;

    private AdminToken(byte[] hash, String generated) {
        this.hash = hash;
        this.generated = generated;
    }

    /**
     * @param fromEnv the value of {@link #ENV}, if set
     */
    public static AdminToken load(Path stateDir, Optional<String> fromEnv, SecureRandom random) {
        if (fromEnv.isPresent() && !fromEnv.get().isBlank()) {
            return new AdminToken(sha256(fromEnv.get().trim()), null);
        }
        Path file = stateDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                OwnerOnlyFiles.checkOwnerOnly(file);
                return new AdminToken(HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).trim()), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a SHA-256 in hex; delete it to get a new token");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "fa_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new AdminToken(sha256(token), token);
    }

    /**
     * Stores the hash of a token made on this start, if one was. Called last, once everything else has started, and
     * followed at once by printing the token: a start that fails earlier leaves no hash behind (so the next start
     * makes and prints a new token), and one that succeeds has printed the token its hash belongs to.
     */
    void persist(Path stateDir) {
        if (generated != null) {
            OwnerOnlyFiles.write(stateDir.resolve(FILE),
                    (HexFormat.of().formatHex(hash) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The token made on this start, to be shown once; empty when it came from the file or the environment. */
    public Optional<String> generated() {
        return Optional.ofNullable(generated);
    }

    /** Constant-time check of a presented token. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(hash, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
