package io.jenkins.plugins.fathomable.runs;

import hudson.model.Action;
import hudson.model.CauseAction;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.StringParameterValue;
import hudson.model.Descriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;

/** {@link ReleaseJobs} on the running Jenkins: top-level Pipeline jobs, sandboxed scripts. Call as SYSTEM. */
public final class JenkinsReleaseJobs implements ReleaseJobs {

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
}
