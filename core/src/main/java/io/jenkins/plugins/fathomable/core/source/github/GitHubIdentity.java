package io.jenkins.plugins.fathomable.core.source.github;

import io.jenkins.plugins.fathomable.core.credentials.Credential;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who GitHub sees: the secret a request is sent with. Trackers whose credentials ids hold the same secret are one
 * identity, batched together and governed together (GitHub's limits are per token, not per credentials id). The
 * secret itself is never kept: an identity is an HMAC of it under a key made at random for this process, so it is
 * stable while the process runs and tells nothing about the secret.
 *
 * @param fingerprint the keyed hash, or {@code "anonymous"}
 */
public record GitHubIdentity(String fingerprint) {

    public static final GitHubIdentity ANONYMOUS = new GitHubIdentity("anonymous");

    private static final byte[] KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(KEY);
    }

    public GitHubIdentity {
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /**
     * The identity of a credential: the same for the same secret (GitHub authenticates a user name and token by the
     * token alone).
     */
    public static GitHubIdentity of(Credential credential) {
        String text = GitHubHttp.secret(credential).reveal();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return new GitHubIdentity(HexFormat.of().formatHex(digest, 0, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    public boolean isAnonymous() {
        return this.equals(ANONYMOUS);
    }

    @Override
    public String toString() {
        return isAnonymous() ? "anonymous" : "credential " + fingerprint.substring(0, 8);
    }
}
