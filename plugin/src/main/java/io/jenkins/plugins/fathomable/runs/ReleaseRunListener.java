package io.jenkins.plugins.fathomable.runs;

import hudson.Extension;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.fathomable.FathomableServices;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
import io.jenkins.plugins.fathomable.core.release.ReleaseEngine;
import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.steps.OutcomeReport;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * Reports how each release run ended to the engine (SUCCESS ready, anything else failed), with the run's URL for the
 * tracker's history. If {@code fathomableRelease} already reported the deployment, the engine ignores the repeat.
 */
@Extension
public class ReleaseRunListener extends RunListener<Run<?, ?>> {

    private static final Logger LOG = Logger.getLogger(ReleaseRunListener.class.getName());

    @Override
    public void onCompleted(Run<?, ?> run, TaskListener listener) {
        ReleaseCause cause = run.getCause(ReleaseCause.class);
        if (cause == null) {
            return;
        }
        Result result = run.getResult();
        String url = RunOutcomes.runUrl(Jenkins.get().getRootUrl(), run.getUrl());
        DeploymentOutcome outcome = RunOutcomes.of(result == null ? null : result.toString(), run.getFullDisplayName(),
                url);
        try {
            listener.getLogger().println(report(FathomableServices.get().engine(), cause, outcome, run.getFullDisplayName()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot report the outcome of " + run.getFullDisplayName(), e);
            listener.getLogger().println("Fathomable: cannot report the outcome: " + e.getMessage());
        }
    }

    /** Tells the engine how the run ended; the line for the build log. */
    static String report(ReleaseEngine engine, ReleaseCause cause, DeploymentOutcome outcome, String runName) {
        boolean taken;
        try {
            taken = engine.completed(cause.run().deployment(), outcome);
        } catch (NoSuchTrackerException e) {
            LOG.fine(() -> "tracker of " + runName + " deleted before the run ended");
            return OutcomeReport.deleted(cause.run().deployment().tracker().toString(), runName);
        }
        return taken ? "Fathomable: reported " + (outcome instanceof DeploymentOutcome.Ready ? "ready" : "failed")
                + " for " + cause.getShortDescription()
                : "Fathomable: the outcome of " + cause.getShortDescription() + " was already reported";
    }
}
