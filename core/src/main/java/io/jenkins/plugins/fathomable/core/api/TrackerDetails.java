package io.jenkins.plugins.fathomable.core.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Map;
import java.util.Objects;

/**
 * One tracker with its status. {@code releases} comes from the {@link StatusProvider} (left out of lists);
 * {@code validation} is set only in the answer to a create or replace.
 */
public record TrackerDetails(@JsonUnwrapped TrackerView tracker, StatusView status, Map<String, Object> releases,
        ValidationView validation) {

    public TrackerDetails {
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(status, "status");
    }
}
