package io.jenkins.plugins.fathomable.core.source.registry;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * An image tag that is a SemVer 2.0 version (an optional leading {@code v} is allowed, as in {@code v1.2.3}),
 * ordered by SemVer precedence: {@code 1.0.0-rc.9 < 1.0.0-rc.10 < 1.0.0}. Tags that differ only in build
 * metadata have equal precedence; they are then ordered by tag text so a choice between them is stable.
 */
public final class SemVer implements Comparable<SemVer> {

    private static final Comparator<SemVer> ORDER = Comparator.<SemVer, Semver>comparing(v -> v.version)
            .thenComparing(SemVer::tag);

    private final String tag;
    private final Semver version;

    private SemVer(String tag, Semver version) {
        this.tag = tag;
        this.version = version;
    }

    /** The version a tag names, or empty when the tag is not SemVer ({@code latest}, {@code 1.2}, {@code main}). */
    public static Optional<SemVer> parse(String tag) {
        if (tag == null || tag.isEmpty() || !tag.strip().equals(tag)) {
            return Optional.empty();
        }
        return Optional.ofNullable(Semver.parse(tag)).map(v -> new SemVer(tag, v));
    }

    /** The tag as the registry lists it, leading {@code v} included. */
    public String tag() {
        return tag;
    }

    public boolean isPreRelease() {
        return !version.getPreRelease().isEmpty();
    }

    Semver version() {
        return version;
    }

    @Override
    public int compareTo(SemVer other) {
        return ORDER.compare(this, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SemVer s && tag.equals(s.tag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag);
    }

    @Override
    public String toString() {
        return tag;
    }
}
