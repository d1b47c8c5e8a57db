package io.jenkins.plugins.fathomable.core.poll;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import java.util.Objects;

/**
 * The file last read for a {@link CycleLookups.ConfigKey}, and what parsing it gave: its image policy, or why it is
 * invalid ({@code null} both until parsed). Kept in memory across cycles so a file is parsed once per revision and an
 * invalid file is not read again while its blob id stays the same; after a restart the stored observation serves.
 */
record LastRead(ConfigRevision revision, ImagePolicy policy, String invalid) {

    LastRead {
        Objects.requireNonNull(revision, "revision");
    }

    static LastRead unparsed(ConfigRevision revision) {
        return new LastRead(revision, null, null);
    }
}
