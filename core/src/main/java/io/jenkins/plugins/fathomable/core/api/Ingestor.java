package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.tracker.Tracker;

/**
 * Reads a tracker's {@code fathomable.yaml} (and its image) at once, when the tracker is created or replaced,
 * so the caller learns immediately whether the file is valid. Implemented by the poll cycle. Must not throw for
 * expected failures (unreachable GitHub, missing file, bad YAML): those are reported in the result; messages
 * never hold a secret.
 */
@FunctionalInterface
public interface Ingestor {

    IngestResult ingest(Tracker tracker);
}
