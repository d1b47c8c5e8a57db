package org.jenkinsci.plugins.workflow.cps;

import hudson.model.Descriptor;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

/** A Pipeline script kept in the job's configuration. */
public class CpsFlowDefinition extends FlowDefinition {

    /** {@code sandbox=false} needs script approval; {@code true} runs in the Groovy sandbox. */
    public CpsFlowDefinition(String script, boolean sandbox) throws Descriptor.FormException {
        throw new UnsupportedOperationException();
    }

    public String getScript() {
        throw new UnsupportedOperationException();
    }

    public boolean isSandbox() {
        throw new UnsupportedOperationException();
    }
}
