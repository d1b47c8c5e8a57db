package io.jenkins.plugins.fathomable.core.webhook;

import io.jenkins.plugins.fathomable.core.credentials.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How webhook senders prove who they are, checked in constant time. */
public final class Secrets {

    /** The prefix of GitHub's {@code X-Hub-Signature-256} header. */
    static final String SHA256_PREFIX = "sha256=";

    private Secrets() {}

    /**
     * Whether {@code header} (GitHub's {@code X-Hub-Signature-256}, {@code sha256=<hex>}) is the HMAC-SHA256 of
     * {@code body} under {@code secret}. The comparison takes the same time whatever the header holds.
     */
    public static boolean validSignature(Secret secret, byte[] body, String header) {
        byte[] expected = hmac(secret, body);
        byte[] given = null;
        if (header != null) {
            String h = header.trim();
            if (h.length() == SHA256_PREFIX.length() + 64 && h.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
                try {
                    given = HexFormat.of().parseHex(h.substring(SHA256_PREFIX.length()).toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    given = null;
                }
            }
        }
        // compared even when malformed, against a value of the right length, so timing says nothing
        return MessageDigest.isEqual(expected, given == null ? new byte[expected.length] : given) && given != null;
    }

    /** {@code sha256=<hex>} of {@code body}: what GitHub sends, for tests and benchmarks that play GitHub. */
    public static String signature(Secret secret, byte[] body) {
        return SHA256_PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    /**
     * Whether {@code authorization} is {@code Bearer <token>}; compared as SHA-256 digests, so neither the token's
     * content nor its length shows in the time taken.
     */
    public static boolean validBearer(Secret token, String authorization) {
        String given = "";
        if (authorization != null && authorization.length() > 7
                && authorization.substring(0, 7).equalsIgnoreCase("bearer ")) {
            given = authorization.substring(7).trim();
        }
        boolean same = MessageDigest.isEqual(sha256(token.reveal()), sha256(given));
        return same && !given.isEmpty();
    }

    private static byte[] hmac(Secret secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
