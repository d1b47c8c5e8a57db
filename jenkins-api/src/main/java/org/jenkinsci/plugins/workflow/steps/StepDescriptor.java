package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

/** Describes a step: its function name and the context it needs. Nest it in the step class. */
public abstract class StepDescriptor extends Descriptor<Step> {

    /** The context objects ({@code Run.class}, {@code TaskListener.class}...) the step needs. */
    public abstract Set<? extends Class<?>> getRequiredContext();

    /** The name the step is called by in a Pipeline script. */
    public abstract String getFunctionName();
}
