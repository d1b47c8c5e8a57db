package io.jenkins.plugins.fathomable.core.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

class TrackerTest {

    @Test
    void parsesAValidTrackerWithDefaultBranch() {
        Tracker t = Tracker.of("payments.api", "acme/payments", "deploy/fathomable.yaml", null, " ", null, "gh-token");
        assertThat(t.id()).isEqualTo(new TrackerId("payments", "api"));
        assertThat(t.ref()).isEqualTo(GitRef.DEFAULT);
        assertThat(t.owner()).isEqualTo("acme");
        assertThat(t.repoName()).isEqualTo("payments");
        assertThat(t.credentialsId()).isEqualTo("gh-token");
    }

    @Test
    void picksTheOneRefGiven() {
        assertThat(Tracker.of("a.b", "o/r", "f.yaml", "v1.2.3", null, null, null).ref()).isEqualTo(GitRef.tag("v1.2.3"));
        assertThat(Tracker.of("a.b", "o/r", "f.yaml", null, "main", null, null).ref()).isEqualTo(GitRef.branch("main"));
        String sha = "0123456789abcdef0123456789abcdef01234567";
        assertThat(Tracker.of("a.b", "o/r", "f.yaml", null, null, sha, null).ref()).isEqualTo(GitRef.commit(sha));
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheField() {
        assertThatThrownBy(() -> Tracker.of("Payments", "not-a-repo", "/etc/passwd", "v1", "main", null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("id", "repo", "sourcePath", "tag"));
    }

    @Test
    void rejectsParentSegmentsAndBadIds() {
        assertThatThrownBy(() -> Tracker.of("a.b", "o/r", "deploy/../secret.yaml", null, null, null, null))
                .hasMessageContaining("sourcePath: must not contain '..'");
        assertThatThrownBy(() -> TrackerId.parse("group")).hasMessageContaining("group.name");
        assertThatThrownBy(() -> TrackerId.parse("a.b.c")).hasMessageContaining("exactly one '.'");
        assertThatThrownBy(() -> TrackerId.parse(".name")).hasMessageContaining("group part is required");
        assertThatThrownBy(() -> TrackerId.parse("a.-b")).hasMessageContaining("name part '-b'");
        assertThatThrownBy(() -> Tracker.of("a.b", "o/r", "f.yaml", null, null, "abc", null))
                .hasMessageContaining("commit: must be a full 40-character");
    }

    @Test
    void idRoundTripsThroughText() {
        TrackerId id = TrackerId.parse("team-1.web-api");
        assertThat(TrackerId.parse(id.toString())).isEqualTo(id);
    }
}
