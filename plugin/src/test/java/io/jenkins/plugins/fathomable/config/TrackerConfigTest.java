package io.jenkins.plugins.fathomable.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.Tracker;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

class TrackerConfigTest {

    @Test
    void mapsRequiredFieldsToACoreTrackerOnTheDefaultBranch() {
        Tracker tracker = new TrackerConfig(" payments.api ", "acme/payments-api", "deploy/fathomable.yaml").toTracker();

        assertThat(tracker.id()).isEqualTo(new TrackerId("payments", "api"));
        assertThat(tracker.repo()).isEqualTo("acme/payments-api");
        assertThat(tracker.sourcePath()).isEqualTo("deploy/fathomable.yaml");
        assertThat(tracker.ref()).isEqualTo(GitRef.DEFAULT);
        assertThat(tracker.credentialsId()).isNull();
    }

    @Test
    void mapsOptionalRefAndCredentialsId() {
        TrackerConfig tagged = new TrackerConfig("payments.api", "acme/payments-api", "fathomable.yaml");
        tagged.setTag("v1.4.2");
        tagged.setCredentialsId("github-token");
        TrackerConfig pinned = new TrackerConfig("payments.api", "acme/payments-api", "fathomable.yaml");
        pinned.setCommit("0123456789abcdef0123456789abcdef01234567");
        TrackerConfig onBranch = new TrackerConfig("payments.api", "acme/payments-api", "fathomable.yaml");
        onBranch.setBranch("release/1.4");

        assertThat(tagged.toTracker().ref()).isEqualTo(GitRef.tag("v1.4.2"));
        assertThat(tagged.toTracker().credentialsId()).isEqualTo("github-token");
        assertThat(pinned.toTracker().ref()).isEqualTo(GitRef.commit("0123456789abcdef0123456789abcdef01234567"));
        assertThat(onBranch.toTracker().ref()).isEqualTo(GitRef.branch("release/1.4"));
    }

    @Test
    void blankFormFieldsBecomeNullSoTheyAreLeftOutOfExports() {
        TrackerConfig config = new TrackerConfig("payments.api", "acme/payments-api", "fathomable.yaml");
        config.setTag("  ");
        config.setBranch("");
        config.setCredentialsId(" ");

        assertThat(config.getTag()).isNull();
        assertThat(config.getBranch()).isNull();
        assertThat(config.getCredentialsId()).isNull();
        assertThat(config.toTracker().ref()).isEqualTo(GitRef.DEFAULT);
    }

    @Test
    void reportsEveryBadFieldByName() {
        TrackerConfig config = new TrackerConfig("Payments", "acme", "/abs.yaml");
        config.setTag("v1");
        config.setBranch("main");

        assertThatThrownBy(config::toTracker)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactlyInAnyOrder("id", "repo", "sourcePath", "tag"));
    }

    @Test
    void equalConfigsAreEqual() {
        TrackerConfig a = new TrackerConfig("payments.api", "acme/payments-api", "fathomable.yaml");
        TrackerConfig b = new TrackerConfig("payments.api", "acme/payments-api", " fathomable.yaml ");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        b.setBranch("main");
        assertThat(a).isNotEqualTo(b);
    }
}
