package io.jenkins.plugins.fathomable.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * What the descriptors of the Fathomable steps share. Each step keeps its own nested {@code DescriptorImpl} (the
 * extension index and the step's views name it); function and display names stay constants there, as descriptors
 * built outside Jenkins cannot carry state.
 */
public abstract class ReleaseStepDescriptor extends StepDescriptor {

    /** Every step reads the run (is it a release run?) and logs to it. */
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }
}
