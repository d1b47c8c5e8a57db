package io.jenkins.plugins.fathomable.core.source.github;

import io.jenkins.plugins.fathomable.core.event.ConfigRevision;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.util.Objects;

/**
 * The outcome of reading a tracker's {@code fathomable.yaml}: the revision, why it could not be read, or that it was
 * not read because the request budget ran out (the next cycle reads it first).
 */
public sealed interface ConfigFetch permits ConfigFetch.Found, ConfigFetch.Failed, ConfigFetch.Deferred {

    record Found(ConfigRevision revision) implements ConfigFetch {
        public Found {
            Objects.requireNonNull(revision, "revision");
        }
    }

    /** A failure the tracker shows as its status; {@code message} is readable and never holds a secret. */
    record Failed(Status status, String message) implements ConfigFetch {
        public Failed {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Not read this cycle: the credential's request budget was used up (never a failure of the tracker). */
    record Deferred(String reason) implements ConfigFetch {
        public Deferred {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
