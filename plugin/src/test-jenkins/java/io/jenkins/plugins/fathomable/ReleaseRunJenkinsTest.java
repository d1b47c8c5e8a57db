package io.jenkins.plugins.fathomable;

import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.TRACKER;
import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.example;
import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.config.FathomableConfiguration;
import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.engine.EngineServices;
import io.jenkins.plugins.fathomable.engine.FathomableEngine;
import io.jenkins.plugins.fathomable.runs.PipelineTemplate;
import io.jenkins.plugins.fathomable.runs.ReleaseCause;
import io.jenkins.plugins.fathomable.testing.ReleaseFixture;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A release becomes a run of its tracker's Pipeline job in a real Jenkins, through the plugin's own wiring
 * ({@link EngineServices} over {@link FathomableEngine}'s store under {@code $JENKINS_HOME/fathomable}): the run
 * renders the release with {@code fathomableRender}, and its outcome and URL reach the engine. Only built with
 * {@code -Pjenkins}.
 */
@WithJenkins
class ReleaseRunJenkinsTest {

    private static final String JOB = "fathomable-shop.payments-api";

    @Test
    void theStepsAreRegisteredUnderTheirFunctionNames(JenkinsRule j) {
        assertThat(StepDescriptor.byFunctionName("fathomableRender")).isNotNull();
        assertThat(StepDescriptor.byFunctionName("fathomableApply")).isNotNull();
        assertThat(StepDescriptor.byFunctionName("fathomableRelease")).isNotNull();
    }

    @Test
    void theServicesAreThePluginsWiringWithTheConfiguredTemplate(JenkinsRule j) {
        FathomableServices services = FathomableServices.get();

        assertThat(services).isInstanceOf(EngineServices.class);
        assertThat(services.releasePipelineTemplate()).isEqualTo(PipelineTemplate.DEFAULT);
        FathomableConfiguration.get().setReleasePipelineTemplate("echo({{tracker}})");
        assertThat(services.releasePipelineTemplate()).isEqualTo("echo({{tracker}})\n");
        assertThat(services.store()).isSameAs(FathomableEngine.get().engine().store());
    }

    @Test
    void aReleaseRunRendersTheReleaseItWasStartedForAndReportsItsOutcome(JenkinsRule j) throws Exception {
        FathomableConfiguration.get().setReleasePipelineTemplate("echo(fathomableRender())");
        FathomableServices services = FathomableServices.get();
        services.store().create(ReleaseFixture.record(
                List.of(release(1, example("web-service.yaml"), ReleaseStatus.QUEUED, "dev")), Map.of()));

        services.engine().reconcile(TRACKER);
        WorkflowRun run = j.waitForCompletion(firstRun(j));

        WorkflowJob job = j.jenkins.getItemByFullName(JOB, WorkflowJob.class);
        assertThat(job.getDefinition()).isInstanceOfSatisfying(CpsFlowDefinition.class,
                d -> assertThat(d.isSandbox()).isTrue());
        j.assertBuildStatusSuccess(run);
        j.assertLogContains("kind: Deployment", run);
        j.assertLogContains("ghcr.io/acme/payments-api@sha256:", run);
        assertThat(run.getCause(ReleaseCause.class).getShortDescription())
                .isEqualTo("Fathomable release 1 of shop.payments-api to dev");
        HistoryEntry deployed = services.engine().history(TRACKER).stream()
                .filter(h -> h.action().equals("deployed")).findFirst().orElseThrow();
        assertThat(deployed.runUrl()).endsWith("job/" + JOB + "/1/");
    }

    /** The executor creates the job and queues the run on Jenkins' Timer, so wait for the run to appear. */
    private static WorkflowRun firstRun(JenkinsRule j) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            WorkflowJob job = j.jenkins.getItemByFullName(JOB, WorkflowJob.class);
            if (job != null && job.getLastBuild() != null) {
                return job.getLastBuild();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no run of " + JOB + " was started");
    }
}
