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
 * {@code fathomableRelease}: {@code fathomableApply}, then reports ready or failed to the engine when the run is the
 * release run of exactly that deployment. The default release Pipeline is just this step.
 */
public class FathomableReleaseStep extends DeployingStep {

    public static final String FUNCTION_NAME = "fathomableRelease";

    @DataBoundConstructor
    public FathomableReleaseStep() {
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        try {
            ReleaseCoordinates c = coordinatesToDeploy(FUNCTION_NAME, releaseRunOf(context.get(Run.class)));
            return new DeployExecution(context, FUNCTION_NAME, c, DeployExecution.deadline(Clock.systemUTC(), timeout()),
                    true);
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
            return "Fathomable: deploy a release and report the outcome";
        }
    }
}
