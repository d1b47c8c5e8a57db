package io.jenkins.plugins.fathomable.runs;

import hudson.model.Action;
import hudson.model.CauseAction;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.StringParameterValue;
import hudson.model.Descriptor;
import hudson.model.Queue;
import hudson.model.Result;
import io.jenkins.plugins.fathomable.core.release.DeploymentId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;

/** {@link ReleaseJobs} on the running Jenkins: top-level Pipeline jobs, sandboxed scripts. Call as SYSTEM. */
public final class JenkinsReleaseJobs implements ReleaseJobs {

    /** How far back {@link #runState} looks through a job's runs; unfinished runs are among the newest. */
    static final int RECENT_RUNS = 100;

    @Override
    public void ensure(String name, String script, String description) throws IOException {
        Jenkins jenkins = Jenkins.get();
        WorkflowJob job = jenkins.getItemByFullName(name, WorkflowJob.class);
        if (job == null) {
            job = jenkins.createProject(WorkflowJob.class, name);
        }
        FlowDefinition current = job.getDefinition();
        boolean upToDate = current instanceof CpsFlowDefinition cps
                && PipelineTemplate.upToDate(cps.getScript(), cps.isSandbox(), script);
        if (!upToDate) {
            try {
                job.setDefinition(new CpsFlowDefinition(script, true));
            } catch (Descriptor.FormException e) {
                throw new IOException("the release Pipeline script was refused: " + e.getMessage(), e);
            }
        }
        if (!Objects.equals(job.getDescription(), description)) {
            job.setDescription(description);
        }
    }

    @Override
    public boolean schedule(String name, ReleaseRun run) throws IOException {
        WorkflowJob job = Jenkins.get().getItemByFullName(name, WorkflowJob.class);
        if (job == null) {
            throw new IOException("job " + name + " does not exist");
        }
        Map<String, String> parameters = run.parameters();
        List<ParameterValue> values = new ArrayList<>();
        parameters.forEach((k, v) -> values.add(new StringParameterValue(k, v)));
        // The job defines no parameters (runs are started only by Fathomable), so name them safe: otherwise Jenkins
        // would hide them from the run's environment and `params`.
        Action parametersAction = new ParametersAction(values, parameters.keySet());
        return job.scheduleBuild2(0, parametersAction, new CauseAction(new ReleaseCause(run))) != null;
    }

    @Override
    public RunState runState(DeploymentId deployment) {
        Jenkins jenkins = Jenkins.get();
        for (Queue.Item item : jenkins.getQueue().getItems()) {
            if (RunOutcomes.isFor(item.getCauses(), deployment)) {
                return new RunState.Active();
            }
        }
        WorkflowJob job = jenkins.getItemByFullName(ReleaseJobName.of(deployment.tracker()), WorkflowJob.class);
        WorkflowRun run = job == null ? null : job.getLastBuild();
        for (int seen = 0; run != null; seen++, run = run.getPreviousBuild()) {
            if (seen == RECENT_RUNS) {
                return new RunState.NotFoundRecently("no run of it among the " + RECENT_RUNS + " newest runs of job "
                        + job.getFullName());
            }
            ReleaseCause cause = run.getCause(ReleaseCause.class);
            if (cause == null || !cause.run().deployment().equals(deployment)) {
                continue;
            }
            if (run.isBuilding()) {
                return new RunState.Active();
            }
            Result result = run.getResult();
            return new RunState.Finished(RunOutcomes.of(result == null ? null : result.toString(),
                    run.getFullDisplayName(), RunOutcomes.runUrl(jenkins.getRootUrl(), run.getUrl())));
        }
        return new RunState.None();
    }
}
