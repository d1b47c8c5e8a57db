package io.jenkins.plugins.fathomable.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import java.time.Clock;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code fathomableApply}: applies a release to its environment with server-side apply (pruning what the release it
 * replaces had and it no longer renders) and waits until it is ready. Reports nothing to the engine: in a custom
 * release template, the run's result decides the outcome.
 */
public class FathomableApplyStep extends DeployingStep {

    public static final String FUNCTION_NAME = "fathomableApply";

    @DataBoundConstructor
    public FathomableApplyStep() {
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        try {
            ReleaseCoordinates c = coordinatesToDeploy(FUNCTION_NAME, releaseRunOf(context.get(Run.class)));
            return new DeployExecution(context, FUNCTION_NAME, c, DeployExecution.deadline(Clock.systemUTC(), timeout()),
                    false);
        } catch (ValidationException e) {
            throw new AbortException(FUNCTION_NAME + ": " + e.getMessage());
        }
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getDisplayName() {
            return "Fathomable: apply a release and wait until it is ready";
        }
    }
}
