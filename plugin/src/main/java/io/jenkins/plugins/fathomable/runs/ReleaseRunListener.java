package io.jenkins.plugins.fathomable.runs;

import hudson.Extension;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.jenkins.plugins.fathomable.FathomableServices;
import io.jenkins.plugins.fathomable.core.release.DeploymentOutcome;
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
            boolean taken = FathomableServices.get().engine().completed(cause.run().deployment(), outcome);
            listener.getLogger().println(taken
                    ? "Fathomable: reported " + (outcome instanceof DeploymentOutcome.Ready ? "ready" : "failed")
                            + " for " + cause.getShortDescription()
                    : "Fathomable: the outcome of " + cause.getShortDescription() + " was already reported");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot report the outcome of " + run.getFullDisplayName(), e);
            listener.getLogger().println("Fathomable: cannot report the outcome: " + e.getMessage());
        }
    }
}
