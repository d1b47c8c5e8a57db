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
}
