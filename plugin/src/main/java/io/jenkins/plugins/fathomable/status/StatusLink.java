package io.jenkins.plugins.fathomable.status;

import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import io.jenkins.plugins.fathomable.core.dashboard.Dashboard;
import io.jenkins.plugins.fathomable.core.dashboard.Overview;
import io.jenkins.plugins.fathomable.core.dashboard.OverviewQuery;
import io.jenkins.plugins.fathomable.core.dashboard.StateFilter;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.core.validation.ValidationException;
import io.jenkins.plugins.fathomable.engine.FathomableEngine;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * Manage Jenkins » Fathomable: the overview of every tracker × environment (filtered and paged on the server by
 * core's {@link Dashboard}), and below it a page per tracker ({@code tracker/<group.name>/}, {@link TrackerView})
 * with the operations. Reading needs Overall/SystemRead; every operation is a POST with a crumb and needs
 * Overall/Administer, checked first.
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

    /** One page of the overview for the request's {@code q}, {@code group}, {@code state}, {@code page} and {@code size}. */
    public Overview overview(StaplerRequest2 request) {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        Dashboard dashboard = dashboard();
        return dashboard == null ? null : dashboard.overview(OverviewQuery.parse(request::getParameter));
    }

    /** The overview's rows as HTML, every text escaped ({@link DashboardHtml}); the page puts it in its table. */
    public String rowsHtml(Overview overview) {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        return DashboardHtml.rows(overview.rows());
    }

    /** The state filters offered, in order. */
    public List<StateFilter> getStateFilters() {
        return List.of(StateFilter.values());
    }

    public List<Integer> getPageSizes() {
        return OverviewQuery.SIZES;
    }

    /** Why nothing can be shown or done, or {@code null}. */
    public String getProblem() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        try {
            FathomableEngine.get().engine();
        } catch (ValidationException e) {
            return Messages.StatusLink_InvalidConfiguration(e.getMessage());
        }
        return null;
    }

    public boolean isAdmin() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    /** {@code tracker/<group.name>/}: the page of one tracker, or 404. */
    public TrackerView getTracker(String id) {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        Dashboard dashboard = dashboard();
        if (dashboard == null || id == null) {
            return null;
        }
        TrackerId trackerId;
        try {
            trackerId = TrackerId.parse(id);
        } catch (ValidationException e) {
            return null;
        }
        return dashboard.tracker(trackerId).isPresent() ? new TrackerView(trackerId) : null;
    }

    @RequirePOST
    public void doPollNow(StaplerResponse2 rsp) throws IOException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        FathomableEngine.get().pollSoon();
        rsp.sendRedirect2(".");
    }

    // The operations at the overview's own address as well, naming the tracker ({@code tracker=group.name}): scripts
    // and tests written against the page before the dashboard post there. Each answers as the tracker's page does.

    @RequirePOST
    public void doApprove(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String tracker,
            @QueryParameter int release, @QueryParameter String environment) throws IOException, ServletException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        view(tracker).doApprove(req, rsp, release, environment);
    }

    @RequirePOST
    public void doReject(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String tracker,
            @QueryParameter int release) throws IOException, ServletException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        view(tracker).doReject(req, rsp, release);
    }

    /** {@code hold=true} holds the tracker, {@code hold=false} releases the hold. */
    @RequirePOST
    public void doHold(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String tracker,
            @QueryParameter boolean hold) throws IOException, ServletException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (hold) {
            view(tracker).doHold(req, rsp);
        } else {
            view(tracker).doUnhold(req, rsp);
        }
    }

    @RequirePOST
    public void doRollback(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String tracker,
            @QueryParameter String environment) throws IOException, ServletException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        view(tracker).doRollback(req, rsp, environment);
    }

    private TrackerView view(String tracker) {
        TrackerView view = getTracker(tracker);
        if (view == null) {
            throw HttpResponses.notFound();
        }
        return view;
    }

    static Dashboard dashboard() {
        try {
            return FathomableEngine.get().engine().dashboard();
        } catch (ValidationException e) {
            return null;
        }
    }
}
