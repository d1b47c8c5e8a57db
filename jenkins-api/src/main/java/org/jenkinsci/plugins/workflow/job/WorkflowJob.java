package org.jenkinsci.plugins.workflow.job;

import hudson.model.Action;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.TopLevelItem;
import hudson.model.queue.QueueTaskFuture;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

/** A Pipeline job. */
public final class WorkflowJob extends Job<WorkflowJob, WorkflowRun> implements TopLevelItem {

    public WorkflowJob(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }

    public FlowDefinition getDefinition() {
        throw new UnsupportedOperationException();
    }

    /** Sets and saves the definition. */
    public void setDefinition(FlowDefinition definition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isBuildable() {
        throw new UnsupportedOperationException();
    }

    /** The newest run, or {@code null}; really declared with this return type (not only inherited). */
    @Override
    public WorkflowRun getLastBuild() {
        throw new UnsupportedOperationException();
    }

    /** {@code null} if the job is not buildable (disabled) or the queue refused the item. */
    public QueueTaskFuture<WorkflowRun> scheduleBuild2(int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException();
    }
}
