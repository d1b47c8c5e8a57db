package io.jenkins.plugins.fathomable.steps;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code fathomableRelease}: {@code fathomableApply}, then reports ready or failed to the engine when the run is the
 * release run of exactly that deployment. The default release Pipeline is just this step.
 */
public class FathomableReleaseStep extends DeployingStep {

    public static final String FUNCTION_NAME = "fathomableRelease";

    @DataBoundConstructor
    public FathomableReleaseStep() {
        super(FUNCTION_NAME, true);
    }

    @Extension
    public static class DescriptorImpl extends ReleaseStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Fathomable: deploy a release and report the outcome";
        }
    }
}
