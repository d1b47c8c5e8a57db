package io.jenkins.plugins.fathomable.status;

import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.fathomable.core.release.ReleaseOperations;
import io.jenkins.plugins.fathomable.core.store.NoSuchTrackerException;
import io.jenkins.plugins.fathomable.core.store.TrackerRecord;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.engine.FathomableEngine;
import io.jenkins.plugins.fathomable.engine.PluginEngine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * Manage Jenkins » Fathomable: every tracker with its current image digest, pending config, each environment's
 * deployed and waiting release and the last error, plus the operations on them. Reading needs Overall/SystemRead;
 * every operation is a POST with a crumb (the form tags add it) and needs Overall/Administer, checked first.
 */
@Extension
public final class StatusLink extends ManagementLink {

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return Messages.StatusLink_DisplayName();
    }

    @Override
    public String getDescription() {
        return Messages.StatusLink_Description();
    }

    @Override
    public String getUrlName() {
        return "fathomable";
    }

    @Override
    public Permission getRequiredPermission() {
        return Jenkins.SYSTEM_READ;
    }

    @Override
    public Category getCategory() {
        return Category.STATUS;
    }

    /** The rows of the page; empty (with {@link #getProblem()}) when the configuration is invalid. */
    public List<StatusRows.Row> getRows() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        PluginEngine engine;
        try {
            engine = FathomableEngine.get().engine();
        } catch (ValidationException e) {
            return List.of();
        }
        Set<TrackerId> configured = engine.configuredIds();
        List<StatusRows.Row> rows = new ArrayList<>();
        for (TrackerRecord record : engine.store().list()) {
            try {
                rows.add(StatusRows.of(record, engine.releases().status(record.id()), configured.contains(record.id())));
            } catch (NoSuchTrackerException e) {
                // deleted while listing
            }
        }
        return rows;
    }

    /** Why nothing can be shown or done, or {@code null}. */
    public String getProblem() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        try {
            FathomableEngine.get().engine();
        } catch (ValidationException e) {
            return "The Fathomable configuration is invalid: " + e.getMessage();
        }
        return null;
    }

    public boolean isAdmin() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    /** Never-polled trackers show this state until the first pass. */
    public String getNeverPolled() {
        return TrackerObservation.Status.NEVER_POLLED.name();
    }

    @RequirePOST
    public void doPollNow(StaplerResponse2 rsp) throws IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        FathomableEngine.get().pollSoon();
        rsp.sendRedirect2(".");
    }

    @RequirePOST
    public void doApprove(StaplerResponse2 rsp, @QueryParameter String tracker, @QueryParameter int release,
            @QueryParameter String environment) throws IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        operations().approve(TrackerId.parse(tracker), release, environment, actor());
        rsp.sendRedirect2(".");
    }

    @RequirePOST
    public void doReject(StaplerResponse2 rsp, @QueryParameter String tracker, @QueryParameter int release,
            @QueryParameter String reason) throws IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        operations().reject(TrackerId.parse(tracker), release, reason == null || reason.isBlank()
                ? "rejected on the status page" : reason, actor());
        rsp.sendRedirect2(".");
    }

    @RequirePOST
    public void doHold(StaplerResponse2 rsp, @QueryParameter String tracker, @QueryParameter boolean hold)
            throws IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (hold) {
            operations().hold(TrackerId.parse(tracker), actor());
        } else {
            operations().unhold(TrackerId.parse(tracker), actor());
        }
        rsp.sendRedirect2(".");
    }

    @RequirePOST
    public void doRollback(StaplerResponse2 rsp, @QueryParameter String tracker, @QueryParameter String environment)
            throws IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        operations().rollback(TrackerId.parse(tracker), environment, actor());
        rsp.sendRedirect2(".");
    }

    private static ReleaseOperations operations() {
        return FathomableEngine.get().engine().operations();
    }

    private static String actor() {
        var auth = Jenkins.getAuthentication2();
        return auth == null ? "unknown" : auth.getName();
    }
}
