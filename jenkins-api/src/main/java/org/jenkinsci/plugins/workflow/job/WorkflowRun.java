package org.jenkinsci.plugins.workflow.job;

import hudson.model.Run;
import java.io.IOException;

/** One run of a {@link WorkflowJob}. */
public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun> {

    public WorkflowRun(WorkflowJob job) throws IOException {
        super(job);
        throw new UnsupportedOperationException();
    }
}
