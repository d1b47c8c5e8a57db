package io.jenkins.plugins.fathomable.config;

import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps the configured tracker list to core trackers, checking the whole list before anything is kept. */
final class TrackerConfigs {

    private TrackerConfigs() {
    }

    /**
     * Core trackers for {@code configs}, in order. Errors name the entry ({@code trackers[2].repo}), and ids must be
     * unique because they key observations, releases and Kubernetes labels.
     */
    static List<Tracker> toTrackers(List<TrackerConfig> configs) {
        List<Tracker> trackers = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Map<TrackerId, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < configs.size(); i++) {
            String prefix = "trackers[" + i + "].";
            try {
                Tracker tracker = configs.get(i).toTracker();
                Integer previous = firstIndex.putIfAbsent(tracker.id(), i);
                if (previous != null) {
                    errors.add(new FieldError(prefix + "id", "'" + tracker.id() + "' is already used by trackers["
                            + previous + "]"));
                }
                trackers.add(tracker);
            } catch (ValidationException e) {
                e.errors().forEach(err -> errors.add(new FieldError(prefix + err.field(), err.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return List.copyOf(trackers);
    }
}
