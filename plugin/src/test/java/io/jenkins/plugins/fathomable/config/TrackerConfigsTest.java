package io.jenkins.plugins.fathomable.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackerConfigsTest {

    private static TrackerConfig config(String id, String repo) {
        return new TrackerConfig(id, repo, "fathomable.yaml");
    }

    @Test
    void mapsTheListInOrder() {
        List<Tracker> trackers = TrackerConfigs.toTrackers(List.of(
                config("payments.api", "acme/payments-api"), config("payments.worker", "acme/payments-worker")));

        assertThat(trackers).extracting(t -> t.id().toString()).containsExactly("payments.api", "payments.worker");
    }

    @Test
    void namesTheEntryOfEachError() {
        List<TrackerConfig> configs = List.of(config("payments.api", "acme/payments-api"), config("bad", "acme"));

        assertThatThrownBy(() -> TrackerConfigs.toTrackers(configs))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("trackers[1].id", "trackers[1].repo"));
    }

    @Test
    void rejectsDuplicateIds() {
        List<TrackerConfig> configs = List.of(config("payments.api", "acme/a"), config("payments.api", "acme/b"));

        assertThatThrownBy(() -> TrackerConfigs.toTrackers(configs))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("trackers[1].id",
                                "'payments.api' is already used by trackers[0]")));
    }

    @Test
    void anEmptyListIsValid() {
        assertThat(TrackerConfigs.toTrackers(List.of())).isEmpty();
    }
}
