package io.jenkins.plugins.fathomable;

import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.TRACKER;
import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.example;
import static io.jenkins.plugins.fathomable.testing.ReleaseFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.HistoryEntry;
import io.jenkins.plugins.fathomable.core.release.KubernetesTarget;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.release.ReleaseStatus;
import io.jenkins.plugins.fathomable.core.store.TrackerStore;
import io.jenkins.plugins.fathomable.runs.JenkinsReleaseJobs;
import io.jenkins.plugins.fathomable.runs.PipelineReleaseExecutor;
import io.jenkins.plugins.fathomable.runs.ReleaseCause;
import io.jenkins.plugins.fathomable.testing.ReleaseFixture;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A release becomes a run of its tracker's Pipeline job in a real Jenkins, the run renders the release with
 * {@code fathomableRender}, and its outcome and URL reach the engine. Only built with {@code -Pjenkins}.
 */
@WithJenkins
class ReleaseRunJenkinsTest {

    private static volatile ReleaseFixture fixture;

    /** The services the steps and the run listener look up, over the test's fixture. */
    @TestExtension
    public static class Services implements FathomableServices {
        @Override
        public ReleaseEngine engine() {
            return fixture.engine();
        }

        @Override
        public TrackerStore store() {
            return fixture.store();
        }

        @Override
        public KubernetesClient connect(KubernetesTarget target) {
            return fixture.connect(target);
        }

        @Override
        public String releasePipelineTemplate() {
            return fixture.releasePipelineTemplate();
        }
    }

    @Test
    void theStepsAreRegisteredUnderTheirFunctionNames(JenkinsRule j) {
        assertThat(StepDescriptor.byFunctionName("fathomableRender")).isNotNull();
        assertThat(StepDescriptor.byFunctionName("fathomableApply")).isNotNull();
        assertThat(StepDescriptor.byFunctionName("fathomableRelease")).isNotNull();
    }

    @Test
    void aReleaseRunRendersTheReleaseItWasStartedForAndReportsItsOutcome(JenkinsRule j) throws Exception {
        fixture = new ReleaseFixture(Files.createTempDirectory(j.jenkins.getRootDir().toPath(), "store"),
                Clock.systemUTC());
        fixture.template = "echo(fathomableRender())";
        fixture.track(List.of(release(1, example("web-service.yaml"), ReleaseStatus.QUEUED, "dev")), Map.of());
        fixture.engine.reconcile(TRACKER);
        DeploymentRequest request = fixture.handedOut.get(0);
        PipelineReleaseExecutor executor = new PipelineReleaseExecutor(new JenkinsReleaseJobs(),
                fixture::releasePipelineTemplate, Timer.get(), fixture.engine::completed);

        executor.execute(request);
        j.waitUntilNoActivity();

        WorkflowJob job = j.jenkins.getItemByFullName("fathomable-shop.payments-api", WorkflowJob.class);
        assertThat(job).isNotNull();
        assertThat(job.getDefinition()).isInstanceOfSatisfying(CpsFlowDefinition.class,
                d -> assertThat(d.isSandbox()).isTrue());
        WorkflowRun run = job.getLastBuild();
        j.assertBuildStatusSuccess(run);
        j.assertLogContains("kind: Deployment", run);
        j.assertLogContains("ghcr.io/acme/payments-api@sha256:", run);
        assertThat(run.getCause(ReleaseCause.class).getShortDescription())
                .isEqualTo("Fathomable release 1 of shop.payments-api to dev");
        HistoryEntry deployed = fixture.engine.history(TRACKER).stream().filter(h -> h.action().equals("deployed"))
                .findFirst().orElseThrow();
        assertThat(deployed.runUrl()).endsWith("job/fathomable-shop.payments-api/1/");
    }
}
