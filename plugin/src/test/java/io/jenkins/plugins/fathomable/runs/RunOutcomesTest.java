package io.jenkins.plugins.fathomable.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunOutcomesTest {

    private static final String URL = "https://ci.example.com/job/fathomable-shop.api/7/";

    @Test
    void onlySuccessIsReady() {
        assertThat(RunOutcomes.of("SUCCESS", "fathomable-shop.api #7", URL))
                .isEqualTo(DeploymentOutcome.ready(URL));
    }

    @ParameterizedTest
    @CsvSource({"UNSTABLE, ended unstable", "FAILURE, failed", "ABORTED, was aborted", "NOT_BUILT, was not built",
            ", ended without a result"})
    void everythingElseFailsWithAReasonNamingTheRun(String result, String how) {
        DeploymentOutcome outcome = RunOutcomes.of(result, "fathomable-shop.api #7", URL);

        assertThat(outcome).isInstanceOf(DeploymentOutcome.Failed.class);
        assertThat(((DeploymentOutcome.Failed) outcome).reason()).isEqualTo("release run fathomable-shop.api #7 " + how);
        assertThat(outcome.runUrl()).isEqualTo(URL);
    }

    @Test
    void runUrlsAreAbsoluteWhenTheRootUrlIsKnown() {
        assertThat(RunOutcomes.runUrl("https://ci.example.com/", "job/fathomable-shop.api/7/")).isEqualTo(URL);
        assertThat(RunOutcomes.runUrl("https://ci.example.com", "job/fathomable-shop.api/7/")).isEqualTo(URL);
        assertThat(RunOutcomes.runUrl(null, "job/fathomable-shop.api/7/")).isEqualTo("/job/fathomable-shop.api/7/");
        assertThat(RunOutcomes.runUrl("", "/job/x/1/")).isEqualTo("/job/x/1/");
    }

    @Test
    void aRunCancelledInTheQueueFailsItsDeploymentAndOtherCausesAreIgnored() {
        io.jenkins.plugins.fathomable.core.release.DeploymentId id = new io.jenkins.plugins.fathomable.core.release
                .DeploymentId(io.jenkins.plugins.fathomable.core.tracker.TrackerId.parse("shop.api"), 5);
        ReleaseRun run = new ReleaseRun(id, "prod", 2, io.jenkins.plugins.fathomable.core.release.Deployment.Kind.PROMOTE);
        hudson.model.Cause other = new hudson.model.Cause() {
            @Override
            public String getShortDescription() {
                return "Started by user admin";
            }
        };

        var outcomes = RunOutcomes.cancelledInQueue(java.util.List.of(other, new ReleaseCause(run)));

        assertThat(outcomes).containsOnlyKeys(id);
        assertThat(outcomes.get(id)).isInstanceOfSatisfying(DeploymentOutcome.Failed.class, f -> assertThat(f.reason())
                .isEqualTo("the release run was cancelled while it waited in the Jenkins queue: Fathomable release 2 "
                        + "of shop.api to prod"));
        assertThat(RunOutcomes.cancelledInQueue(java.util.List.of(other))).isEmpty();
    }

    @Test
    void aQueueItemOrRunIsForADeploymentOnlyThroughItsReleaseCause() {
        var tracker = io.jenkins.plugins.fathomable.core.tracker.TrackerId.parse("shop.api");
        var id = new io.jenkins.plugins.fathomable.core.release.DeploymentId(tracker, 5);
        var later = new io.jenkins.plugins.fathomable.core.release.DeploymentId(tracker, 6);
        ReleaseRun run = new ReleaseRun(id, "prod", 2, io.jenkins.plugins.fathomable.core.release.Deployment.Kind.PROMOTE);
        hudson.model.Cause other = new hudson.model.Cause() {
            @Override
            public String getShortDescription() {
                return "Started by user admin";
            }
        };

        assertThat(RunOutcomes.isFor(java.util.List.of(other, new ReleaseCause(run)), id)).isTrue();
        assertThat(RunOutcomes.isFor(java.util.List.of(new ReleaseCause(run)), later)).isFalse();
        assertThat(RunOutcomes.isFor(java.util.List.of(other), id)).isFalse();
    }
}
