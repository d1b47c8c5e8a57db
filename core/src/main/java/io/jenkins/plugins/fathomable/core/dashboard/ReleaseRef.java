package io.jenkins.plugins.fathomable.core.dashboard;

import io.jenkins.plugins.fathomable.core.release.Release;
import java.time.Instant;

/**
 * A release as a cell shows it: {@code 1.4.2 · 3f2a9c1d0b7e · #3}.
 *
 * @param number      the release number
 * @param version     the image tag
 * @param shortDigest the first 12 hex digits of the digest
 * @param image       {@code repository:tag@digest}, for a tooltip
 * @param created     when the release was made
 */
public record ReleaseRef(int number, String version, String shortDigest, String image, Moment created) {

    static ReleaseRef of(Release r, Instant now) {
        if (r == null) {
            return null;
        }
        return new ReleaseRef(r.number(), r.image().tag(), shortDigest(r.image().digest()),
                r.image().repository() + ":" + r.image().tag() + "@" + r.image().digest(), Moment.of(r.createdAt(), now));
    }

    /** {@code sha256:0123456789abcdef…} → {@code 0123456789ab}. */
    public static String shortDigest(String digest) {
        if (digest == null) {
            return null;
        }
        int colon = digest.indexOf(':');
        String hex = colon < 0 ? digest : digest.substring(colon + 1);
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
