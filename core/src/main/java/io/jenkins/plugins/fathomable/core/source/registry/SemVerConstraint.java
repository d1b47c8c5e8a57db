package io.jenkins.plugins.fathomable.core.source.registry;

import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;

/**
 * A SemVer constraint in npm syntax: exact ({@code 1.4.2}), caret ({@code ^1.2}), tilde ({@code ~1.2.3}),
 * x-ranges ({@code 1.x}), comparators ({@code >=1.2 <2}) and {@code ||}. As in npm, a pre-release version
 * matches only when the constraint itself names a pre-release of the same major.minor.patch
 * ({@code ^1.0.0-rc.1} lets in {@code 1.0.0-rc.10} but never {@code 1.1.0-beta}); otherwise pre-releases are
 * never chosen.
 */
public final class SemVerConstraint {

    // Characters npm ranges are made of; anything else (a typo, a YAML object) is rejected before parsing.
    private static final Pattern ALLOWED = Pattern.compile("[0-9A-Za-z.*^~<>=|+\\- ]+");
    private static final Pattern HAS_VERSION = Pattern.compile("\\d");

    private final String text;
    private final RangesList ranges;

    private SemVerConstraint(String text, RangesList ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /** Parses a constraint; problems are reported against {@code field}. */
    public static SemVerConstraint parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "is required, e.g. ^1.4 or ~1.4.2 or >=1.2 <2");
        }
        String trimmed = text.trim();
        if (!ALLOWED.matcher(trimmed).matches() || !HAS_VERSION.matcher(trimmed).find()) {
            throw new ValidationException(field, "'" + trimmed
                    + "' is not a SemVer constraint; use e.g. 1.4.2, ^1.4, ~1.4.2, 1.x or >=1.2 <2");
        }
        RangesList ranges;
        try {
            ranges = RangesListFactory.create(trimmed);
        } catch (RuntimeException e) {
            throw new ValidationException(field, "'" + trimmed + "' is not a SemVer constraint: " + e.getMessage());
        }
        if (ranges.get().isEmpty()) {
            throw new ValidationException(field, "'" + trimmed + "' is not a SemVer constraint");
        }
        return new SemVerConstraint(trimmed, ranges);
    }

    public static SemVerConstraint parse(String text) {
        return parse("semver", text);
    }

    public boolean matches(SemVer version) {
        return ranges.isSatisfiedBy(version.version());
    }

    /** The highest-precedence tag that satisfies this constraint; tags that are not SemVer are ignored. */
    public Optional<SemVer> best(Collection<String> tags) {
        return tags.stream()
                .map(SemVer::parse)
                .flatMap(Optional::stream)
                .filter(this::matches)
                .max(SemVer::compareTo);
    }

    @Override
    public String toString() {
        return text;
    }
}
