package io.jenkins.plugins.fathomable.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import org.junit.jupiter.api.Test;

class ReleaseJobNameTest {

    @Test
    void aTrackersJobIsPrefixedAndMapsBack() {
        TrackerId id = TrackerId.parse("shop.payments-api");

        assertThat(ReleaseJobName.of(id)).isEqualTo("fathomable-shop.payments-api");
        assertThat(ReleaseJobName.trackerOf("fathomable-shop.payments-api")).contains(id);
    }

    @Test
    void otherJobsBelongToNoTracker() {
        assertThat(ReleaseJobName.trackerOf("payments-api")).isEmpty();
        assertThat(ReleaseJobName.trackerOf("fathomable-")).isEmpty();
        assertThat(ReleaseJobName.trackerOf("fathomable-Shop.API")).isEmpty();
        assertThat(ReleaseJobName.trackerOf("fathomable-shop.a.b")).isEmpty();
        assertThat(ReleaseJobName.trackerOf(null)).isEmpty();
    }

    @Test
    void theLongestTrackerIdStillMakesAnItemNameJenkinsAccepts() {
        TrackerId longest = new TrackerId("g".repeat(31), "n".repeat(31));

        String name = ReleaseJobName.of(longest);

        // Jenkins refuses these characters in item names (Jenkins.checkGoodName) and names over 255 bytes (files).
        assertThat(name).hasSizeLessThan(255).doesNotContainAnyWhitespaces()
                .containsOnlyOnce(".").matches("[a-z0-9.-]+");
    }
}
