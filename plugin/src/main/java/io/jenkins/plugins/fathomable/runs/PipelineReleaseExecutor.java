package io.jenkins.plugins.fathomable.runs;

import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.DeploymentRequest;
import io.jenkins.plugins.fathomable.core.release.ReleaseExecutor;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deploys each release as a run of its tracker's Pipeline job. {@link #execute} checks the template and returns at
 * once; creating or updating the job and queueing the run happen on {@code background} (Jenkins' Timer, which runs
 * as SYSTEM, so it works whoever triggered the engine). If the run cannot be queued the deployment is reported
 * failed through {@code outcomes}; once queued, the run listener reports how the run ended.
 */
public final class PipelineReleaseExecutor implements ReleaseExecutor {

    private static final Logger LOG = Logger.getLogger(PipelineReleaseExecutor.class.getName());

    private final ReleaseJobs jobs;
    private final Supplier<String> template;
    private final Executor background;
    private final ReleaseJobs.Outcomes outcomes;

    /**
     * @param template the admins' Pipeline template, read at each release so a change applies to the next run
     * @param outcomes usually {@code engine::completed}; the engine is built after its executor, so wire it lazily
     */
    public PipelineReleaseExecutor(ReleaseJobs jobs, Supplier<String> template, Executor background,
            ReleaseJobs.Outcomes outcomes) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.template = Objects.requireNonNull(template, "template");
        this.background = Objects.requireNonNull(background, "background");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
    }

    /** @throws io.jenkins.plugins.fathomable.core.validation.ValidationException for a bad template (the engine records it) */
    @Override
    public void execute(DeploymentRequest request) {
        ReleaseRun run = ReleaseRun.of(request);
        String job = ReleaseJobName.of(request.tracker());
        String script = PipelineTemplate.render(template.get(), request.tracker());
        String description = "Release runs of Fathomable tracker " + request.tracker() + ". Made from the release "
                + "Pipeline template in Manage Jenkins » System » Fathomable, which overwrites changes made here.";
        try {
            background.execute(() -> start(job, script, description, run));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("Jenkins is shutting down; " + run.description() + " was not started", e);
        }
    }

    private void start(String job, String script, String description, ReleaseRun run) {
        String failure;
        try {
            jobs.ensure(job, script, description);
            if (jobs.schedule(job, run)) {
                return;
            }
            failure = "Jenkins did not queue a run of job " + job + " (is it disabled, or is Jenkins shutting down?)";
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot start " + run.description(), e);
            failure = "cannot start a run of job " + job + ": " + e.getMessage();
        }
        outcomes.completed(run.deployment(), DeploymentOutcome.failed(failure, null));
    }
}
