package io.jenkins.plugins.fathomable.core.api;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import java.util.Map;

/**
 * Per-environment release state of a tracker (queue, deployed release, pending config), shown as the
 * {@code releases} object of {@code GET /trackers/{id}}. Implemented by the release engine. Values must be
 * JSON-serialisable by Jackson (records, maps, lists, strings, numbers, booleans) and hold no secret; a
 * {@link io.jenkins.plugins.fathomable.core.credentials.Secret} is written as {@code "****"} regardless.
 */
@FunctionalInterface
public interface StatusProvider {

    /** Keyed by environment name (e.g. {@code dev}); empty when nothing is known. */
    Map<String, Object> releases(TrackerId id);

    static StatusProvider none() {
        return id -> Map.of();
    }
}
