package io.jenkins.plugins.fathomable.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.fathomable.FathomableServices;
import io.jenkins.plugins.fathomable.core.deploy.Inventory;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.runs.ReleaseRun;
import io.jenkins.plugins.fathomable.runs.RunOutcomes;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs {@code fathomableApply} and {@code fathomableRelease} without holding a thread: {@link #start()} hands the work
 * to Jenkins' Timer and returns. Saved with the Pipeline program as plain fields; after a controller restart
 * {@link #onResume()} re-attaches: if the apply had finished (saved at once, {@link #onApplied}) it only waits for
 * readiness again (until the same deadline), otherwise it applies again (server-side apply is idempotent).
 */
final class DeployExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(DeployExecution.class.getName());

    private final String function;
    private final String tracker;
    private final String environment;
    private final int release;
    private final long deadlineMillis;
    private final boolean reportOutcome;
    /** {@code null} until applied; then what was applied, as {@link AppliedObjects} strings. */
    private volatile ArrayList<String> applied;

    private transient volatile CompletableFuture<DeployResult> running;

    DeployExecution(StepContext context, String function, ReleaseCoordinates c, Instant deadline,
            boolean reportOutcome) {
        super(context);
        this.function = function;
        this.tracker = c.tracker().toString();
        this.environment = c.environment();
        this.release = c.release();
        this.deadlineMillis = deadline.toEpochMilli();
        this.reportOutcome = reportOutcome;
    }

    @Override
    public boolean start() throws Exception {
        attach(false);
        return false;
    }

    @Override
    public void onResume() {
        try {
            attach(true);
        } catch (Exception e) {
            getContext().onFailure(e);
        }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        CompletableFuture<DeployResult> r = running;
        if (r != null) {
            r.cancel(false);
        }
        getContext().onFailure(cause);
    }

    @Override
    public String getStatus() {
        return (applied == null ? "applying " : "waiting for readiness of ") + coordinates() + " until "
                + Instant.ofEpochMilli(deadlineMillis);
    }

    /** Jenkins is shutting down (or gone): a readiness wait stops looking; this step resumes it after the restart. */
    static boolean jenkinsStopping() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        return jenkins == null || jenkins.isTerminating();
    }

    private void attach(boolean resumed) throws Exception {
        PrintStream log = getContext().get(TaskListener.class).getLogger();
        Run<?, ?> run = getContext().get(Run.class);
        ReleaseRun releaseRun = AbstractReleaseStep.releaseRunOf(run);
        String runUrl = RunOutcomes.runUrl(Jenkins.get().getRootUrl(), run.getUrl());
        FathomableServices services = FathomableServices.get();
        ReleaseDeployer deployer = new ReleaseDeployer(services, Timer.get(), Clock.systemUTC(),
                DeployExecution::jenkinsStopping);
        ReleaseCoordinates c = coordinates();
        Instant deadline = Instant.ofEpochMilli(deadlineMillis);
        ReleaseDeployer.Progress progress = new ReleaseDeployer.Progress() {
            @Override
            public void log(String line) {
                log.println(line);
            }

            @Override
            public void applied(Inventory inventory) {
                onApplied(inventory);
            }
        };
        ArrayList<String> done = applied;
        if (resumed) {
            log.println(function + ": resuming after a restart: " + (done == null ? "applying " + c + " again"
                    : "checking readiness of " + c + " again"));
        }
        CompletableFuture<DeployResult> future = done == null ? deployer.deploy(c, deadline, progress)
                : deployer.awaitReady(c, AppliedObjects.decode(done), deadline, progress);
        running = future;
        future.whenComplete((result, error) -> finish(services, releaseRun, c, runUrl, log, result, error));
    }

    /**
     * The release is applied: from here a restart must only wait for readiness again. Pipeline saves a step's state
     * with the program, at its own moments (a clean shutdown among them); after a crash it resumes from the last
     * save, so the state is saved now, or a resumed run would apply the same release a second time.
     */
    void onApplied(Inventory inventory) {
        applied = AppliedObjects.encode(inventory);
        getContext().saveState();
    }

    /** Whether a resumed execution only waits for readiness ({@code true}) or applies again. */
    boolean isApplied() {
        return applied != null;
    }

    private void finish(FathomableServices services, ReleaseRun releaseRun, ReleaseCoordinates c, String runUrl,
            PrintStream log, DeployResult result, Throwable error) {
        if (error != null) {
            // Cancelled by stop(), which already failed the step; anything else is a bug worth a stack trace.
            if (!(error instanceof java.util.concurrent.CancellationException)) {
                LOG.log(Level.WARNING, function + " failed unexpectedly", error);
                getContext().onFailure(error);
            }
            return;
        }
        if (reportOutcome) {
            try {
                log.println(OutcomeReport.report(services.engine(), releaseRun, c, result, runUrl));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot report the outcome of " + c, e);
                log.println("Fathomable: cannot report the outcome: " + e.getMessage());
            }
        }
        if (result.ready()) {
            log.println(function + ": " + c + " is ready");
            getContext().onSuccess(null);
        } else {
            getContext().onFailure(new AbortException(function + ": " + c + " failed: " + result.reason()));
        }
    }

    private ReleaseCoordinates coordinates() {
        return new ReleaseCoordinates(TrackerId.parse("tracker", tracker), environment, release);
    }

    /** The deadline for a deployment starting now. */
    static Instant deadline(Clock clock, Duration timeout) {
        return clock.instant().plus(timeout);
    }
}
