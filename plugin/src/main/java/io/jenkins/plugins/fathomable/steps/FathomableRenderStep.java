package io.jenkins.plugins.fathomable.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.fathomable.FathomableServices;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code fathomableRender}: returns the YAML a release renders to for an environment. Changes nothing. */
public class FathomableRenderStep extends AbstractReleaseStep {

    public static final String FUNCTION_NAME = "fathomableRender";

    @DataBoundConstructor
    public FathomableRenderStep() {
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, getTracker(), getEnvironment(), getRelease());
    }

    /** Renders on a background thread; quick and side-effect free, so a restart simply fails it. */
    static final class Execution extends SynchronousNonBlockingStepExecution<String> {

        private static final long serialVersionUID = 1L;

        private final String tracker;
        private final String environment;
        private final Integer release;

        Execution(StepContext context, String tracker, String environment, Integer release) {
            super(context);
            this.tracker = tracker;
            this.environment = environment;
            this.release = release;
        }

        @Override
        protected String run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            try {
                ReleaseCoordinates c = ReleaseCoordinates.resolve(tracker, environment, release, releaseRunOf(run));
                RenderedRelease rendered = new ReleaseRenderer(FathomableServices.get()).render(c);
                getContext().get(TaskListener.class).getLogger().println("Fathomable: rendered "
                        + rendered.objects().size() + " object(s) for " + c);
                return rendered.yaml();
            } catch (ValidationException e) {
                throw new AbortException(FUNCTION_NAME + ": " + e.getMessage());
            }
        }
    }

    @Extension
    public static class DescriptorImpl extends ReleaseStepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION_NAME;
        }

        @Override
        public String getDisplayName() {
            return "Fathomable: render a release's Kubernetes YAML";
        }
    }
}
