package io.jenkins.plugins.fathomable.status;

import hudson.ExtensionList;
import io.jenkins.plugins.fathomable.core.dashboard.Cell;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage;
import io.jenkins.plugins.fathomable.core.release.Refusal;
import io.jenkins.plugins.fathomable.core.release.ReleaseOperations;
import io.jenkins.plugins.fathomable.core.tracker.TrackerId;
import io.jenkins.plugins.fathomable.engine.FathomableEngine;
import jakarta.servlet.ServletException;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The page of one tracker ({@code manage/fathomable/tracker/<group.name>/}): its flow with the release in each
 * environment, history, pending change and rendered objects, and the operations as POST forms. Reading needs
 * Overall/SystemRead; each operation needs Overall/Administer, checked before anything else, and is recorded under
 * the user's id. An operation the state does not allow (approving a release that moved on, rolling back with
 * nothing to go back to) answers 409 with the page and the reason.
 */
public final class TrackerView {

    /** Request attribute the page shows as an error, set when an operation was refused. */
    static final String REFUSED = "fathomableRefused";

    private final TrackerId id;

    TrackerView(TrackerId id) {
        this.id = id;
    }

    public String getId() {
        return id.toString();
    }

    public String getDisplayName() {
        return id.toString();
    }

    /** The page's content now; {@code null} if the tracker went away meanwhile. */
    public TrackerPage getPage() {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        var dashboard = StatusLink.dashboard();
        return dashboard == null ? null : dashboard.tracker(id).orElse(null);
    }

    /** A stage's cell as HTML, every text escaped ({@link DashboardHtml}), the same markup as the overview's. */
    public String cellHtml(Cell cell) {
        Jenkins.get().checkPermission(Jenkins.SYSTEM_READ);
        return DashboardHtml.cell(cell);
    }

    /** The overview, whose view of a diff this page includes. */
    public StatusLink getLink() {
        return ExtensionList.lookupSingleton(StatusLink.class);
    }

    public boolean isAdmin() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }

    @RequirePOST
    public void doApprove(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter int release,
            @QueryParameter String environment) throws IOException, ServletException {
        operate(req, rsp, Messages.TrackerView_Approve(String.valueOf(release), environment),
                (engine, actor) -> engine.approve(id, release, environment, actor));
    }

    @RequirePOST
    public void doReject(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter int release)
            throws IOException, ServletException {
        operate(req, rsp, Messages.TrackerView_Reject(String.valueOf(release)),
                (engine, actor) -> engine.reject(id, release, null, actor));
    }

    @RequirePOST
    public void doRetry(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter int release)
            throws IOException, ServletException {
        operate(req, rsp, Messages.TrackerView_Retry(String.valueOf(release)), (engine, actor) -> engine.retry(id, release, actor));
    }

    @RequirePOST
    public void doRollback(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String environment)
            throws IOException, ServletException {
        operate(req, rsp, Messages.TrackerView_Rollback(environment),
                (engine, actor) -> engine.rollback(id, environment, actor));
    }

    @RequirePOST
    public void doHold(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        operate(req, rsp, Messages.TrackerView_Hold(), (engine, actor) -> engine.hold(id, actor));
    }

    @RequirePOST
    public void doUnhold(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        operate(req, rsp, Messages.TrackerView_Unhold(), (engine, actor) -> engine.unhold(id, actor));
    }

    private interface Operation {
        void run(ReleaseOperations operations, String actor);
    }

    private void operate(StaplerRequest2 req, StaplerResponse2 rsp, String what, Operation op)
            throws IOException, ServletException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        Refusal refusal = Refusal.of(() -> op.run(FathomableEngine.get().engine().operations(), actor()));
        if (refusal == null) {
            rsp.sendRedirect2(".");
            return;
        }
        req.setAttribute(REFUSED, Messages.TrackerView_Refused(what, refusal.reason()));
        rsp.setStatus(refusal.status());
        req.getView(this, "index.jelly").forward(req, rsp);
    }

    /** What an operation refused on the previous request said, or {@code null}. */
    public String refused(StaplerRequest2 req) {
        Object said = req.getAttribute(REFUSED);
        return said == null ? null : said.toString();
    }

    private static String actor() {
        var auth = Jenkins.getAuthentication2();
        return auth == null ? "unknown" : auth.getName();
    }
}
