package io.jenkins.plugins.fathomable.steps;

import hudson.Extension;
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
        super(FUNCTION_NAME, false);
    }

    @Extension
    public static class DescriptorImpl extends ReleaseStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Fathomable: apply a release and wait until it is ready";
        }
    }
}
