package io.jenkins.plugins.fathomable.core.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.fathomable.core.validation.FieldError;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Branch, tag, commit and source path values go into GitHub API paths and into logs and files: Git's ref-name
 * rules, sane lengths and no control characters, checked where every host defines a tracker (issue 13, item 5).
 * Before, every refused value below was stored.
 */
class TrackerRefValidationTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @ParameterizedTest
    @ValueSource(strings = {"../../../user", "main?x=1", "-main", "@{1}", "main@{upstream}", "@", "with space",
            "main\u0000", "main\r\nX-Injected: 1", "tab\there", "a..b", ".hidden", "feature/.x", "x.lock", "a/x.lock/b",
            "trailing/", "/leading", "a//b", "ends.", "a~1", "a^2", "a:b", "a*", "a[b", "back\\slash", "del\u007f",
            "lone\ud800surrogate"})
    void refusesBranchesGitWouldRefuse(String branch) {
        assertThatThrownBy(() -> Tracker.of("a.b", "o/r", "f.yaml", null, branch, null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("branch"));
        assertThatThrownBy(() -> Tracker.of("a.b", "o/r", "f.yaml", branch, null, null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("tag"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "feature/x-1", "release/1.2", "v1.0.0", "50%-off", "fix#12", "ünïcode",
            "a+b", "user@host", "a.b.c", "deps/bump-@types"})
    void acceptsRefsGitAccepts(String ref) {
        assertThat(Tracker.of("a.b", "o/r", "f.yaml", null, ref, null, null).ref()).isEqualTo(GitRef.branch(ref));
        assertThat(Tracker.of("a.b", "o/r", "f.yaml", ref, null, null, null).ref()).isEqualTo(GitRef.tag(ref));
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 256})
    void capsRefLength(int length) {
        String ref = "r".repeat(length);
        if (length <= RefNames.MAX_REF_LENGTH) {
            assertThat(Tracker.of("a.b", "o/r", "f.yaml", null, ref, null, null).ref().value()).hasSize(length);
        } else {
            assertThatThrownBy(() -> Tracker.of("a.b", "o/r", "f.yaml", null, ref, null, null))
                    .hasMessageContaining("branch: must be at most 255 characters, got 256");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/\u0000.yaml", "deploy/\u001b[31m.yaml", "a\nb.yaml", "./fathomable.yaml",
            "deploy/./f.yaml", "deploy/../f.yaml", "deploy//f.yaml", "deploy/", "/etc/passwd", "deploy\\f.yaml",
            "f.yaml\u0000"})
    void refusesUnusableSourcePaths(String path) {
        assertThatThrownBy(() -> Tracker.of("a.b", "o/r", path, null, null, null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("sourcePath"));
    }

    @org.junit.jupiter.api.Test
    void capsSourcePathAndSegmentLengths() {
        assertThatThrownBy(() -> Tracker.of("a.b", "o/r", "a/".repeat(30_000) + "f.yaml", null, null, null, null))
                .hasMessageContaining("sourcePath: must be at most 1024 characters, got 60006");
        assertThatThrownBy(() -> Tracker.of("a.b", "o/r", "d/" + "x".repeat(256), null, null, null, null))
                .hasMessageContaining("sourcePath: each part between '/' must be at most 255 characters");
        assertThat(Tracker.of("a.b", "o/r", "deploy dir/app #1?.yaml", null, null, null, null).sourcePath())
                .isEqualTo("deploy dir/app #1?.yaml");
    }

    @org.junit.jupiter.api.Test
    void refusesControlCharactersInCommitAndCredentialsIdAndOverlongIds() {
        assertThatThrownBy(() -> Tracker.of("a.b", "o/r", "f.yaml", null, null, SHA + "\n", null))
                .hasMessageContaining("commit: must not contain control characters (U+000A at position 41)");
        assertThatThrownBy(() -> Tracker.of("a.b", "o/r", "f.yaml", null, null, null, "gh\u0000token"))
                .hasMessageContaining("credentialsId: must not contain control characters");
        assertThatThrownBy(() -> Tracker.of("a.b", "o/r", "f.yaml", null, null, null, "c".repeat(300)))
                .hasMessageContaining("credentialsId: must be at most 256 characters");
    }

    @org.junit.jupiter.api.Test
    void theRecordItselfRefusesBadRefsSoStoredAndConfiguredTrackersAreCheckedToo() {
        assertThatThrownBy(() -> new Tracker(TrackerId.parse("a.b"), "o/r", "f.yaml", GitRef.branch("../../user"), null))
                .hasMessageContaining("branch: must not contain '..'");
        assertThatThrownBy(() -> new Tracker(TrackerId.parse("a.b"), "o/r", "f\u0000.yaml", GitRef.DEFAULT, null))
                .hasMessageContaining("sourcePath: must not contain control characters");
    }
}
