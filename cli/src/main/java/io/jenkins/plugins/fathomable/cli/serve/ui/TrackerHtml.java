package io.jenkins.plugins.fathomable.cli.serve.ui;

import io.jenkins.plugins.fathomable.core.dashboard.Cell;
import io.jenkins.plugins.fathomable.core.dashboard.Row;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.Diff;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.DiffLine;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.HistoryLine;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.ReleaseLine;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.Rendered;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.Seen;
import io.jenkins.plugins.fathomable.core.dashboard.TrackerPage.Stage;
import io.jenkins.plugins.fathomable.core.dashboard.html.Html;

/** The page of one tracker in {@code serve}: flow, operations (admin only), pending change, releases, history. */
final class TrackerHtml {

    private TrackerHtml() {}

    /** @param refused why an operation was just refused, or {@code null} */
    static String render(TrackerPage p, Viewer viewer, String refused) {
        Row row = p.row();
        String base = "/ui/trackers/" + row.id() + "/";
        Html h = Page.start(Labels.get("trackerTitle", row.id()), row.id(), viewer);
        h.open("div", "class", "fa-app-bar").open("div").open("h1").text(row.id());
        if (row.held()) {
            h.text(" ").element("span", Labels.get("onHold"), "class", "fa-badge fa-badge--held");
        }
        h.close("h1").open("div", "class", "fa-subtitle").external(row.refUrl(), row.source()).text(" · ")
                .element("code", row.sourcePath()).close("div").close("div");
        if (viewer.admin()) {
            boolean held = row.held();
            Page.operation(h, viewer, base + (held ? "unhold" : "hold"), held ? "unhold" : "hold",
                    Labels.get(held ? "confirmUnhold" : "confirmHold", row.id()), Labels.get(held ? "unhold" : "hold"), false)
                    .element("button", Labels.get(held ? "unhold" : "hold"), "type", "submit", "class", "fa-button")
                    .close("form");
        }
        h.close("div");
        if (refused != null) {
            h.element("div", refused, "class", "fa-alert fa-alert--danger", "role", "alert", "id", "fathomable-refused");
        }
        if (row.problem() != null) {
            h.open("div", "class", "fa-alert fa-alert--warning").element("strong", Labels.get("lastPollFailed"))
                    .text(" " + row.problem()).close("div");
        }
        facts(h, row, p.seen());
        h.element("h2", Labels.get("flow")).open("ol", "class", "fa-flow", "id", "fathomable-flow");
        for (Stage stage : p.stages()) {
            stage(h, stage, viewer, base);
        }
        h.close("ol");
        pending(h, p.pending());
        releases(h, p);
        history(h, p);
        h.element("h2", Labels.get("rendered"));
        for (Rendered r : p.rendered()) {
            h.open("details", "class", "fa-details").open("summary").text(r.environment()).text(" — ");
            if (r.release() == 0) {
                h.text(Labels.get("noRelease"));
            } else if (r.problem() != null) {
                h.text(Labels.get("renderedRelease", r.release()) + ": " + r.problem());
            } else {
                h.text(Labels.get("renderedObjects", r.release(), r.objects()));
            }
            h.close("summary");
            if (r.yaml() != null) {
                h.element("pre", r.yaml(), "class", "fa-code");
            }
            h.close("details");
        }
        return Page.end(h);
    }

    private static void facts(Html h, Row row, Seen seen) {
        h.open("dl", "class", "fa-facts");
        h.open("div").element("dt", Labels.get("lastPoll")).open("dd");
        if (row.neverPolled()) {
            h.text(Labels.get("notPolled"));
        } else {
            h.time(row.lastPoll()).element("span", "(" + row.pollState() + ")", "class", "fa-muted");
        }
        h.close("dd").close("div");
        h.open("div").element("dt", Labels.get("commit")).open("dd");
        if (seen.commit() == null) {
            h.text("—");
        } else {
            h.external(seen.commitUrl(), seen.commit(), "class", "fa-mono").external(seen.fileUrl(), "fathomable.yaml")
                    .element("span", Labels.get("blob", seen.blob()), "class", "fa-muted");
        }
        h.close("dd").close("div");
        h.open("div").element("dt", Labels.get("image")).open("dd");
        if (seen.image() == null) {
            h.text("—");
        } else {
            h.element("span", seen.image()).element("code", seen.digest(), "class", "fa-digest fa-full-digest");
        }
        h.close("dd").close("div");
        h.open("div").element("dt", Labels.get("credentials")).open("dd")
                .text(seen.credentials() == null ? Labels.get("anonymous") : seen.credentials()).close("dd").close("div");
        h.open("div", "id", "fathomable-webhooks").element("dt", Labels.get("lastWebhook")).open("dd");
        if (!seen.webhooks()) {
            h.element("span", Labels.get("noWebhook"), "class", "fa-muted");
        }
        if (seen.githubWebhook() != null) {
            h.open("span", "data-source", "github").text(Labels.get("webhookGitHub") + " ").time(seen.githubWebhook())
                    .close("span");
        }
        if (seen.registryWebhook() != null) {
            h.open("span", "data-source", "registry").text(Labels.get("webhookRegistry") + " ")
                    .time(seen.registryWebhook()).close("span");
        }
        h.close("dd").close("div");
        h.close("dl");
    }

    private static void stage(Html h, Stage stage, Viewer viewer, String base) {
        Cell cell = stage.cell();
        h.open("li", "class", "fa-stage fa-stage--" + cell.state().key(), "data-environment", stage.environment(),
                "data-state", cell.state().key());
        h.open("div", "class", "fa-stage__head").element("h3", stage.environment())
                .element("span", stage.namespace(), "class", "fa-muted fa-stage__target", "title",
                        Labels.get("target", stage.cluster(), stage.namespace()))
                .close("div").open("div", "class", "fa-rules");
        if (stage.approval()) {
            h.element("span", Labels.get("rule.approval"), "class", "fa-rule");
        }
        if (stage.soak() != null) {
            h.element("span", Labels.get("rule.soak", stage.soak()), "class", "fa-rule");
        }
        if (stage.windows()) {
            h.element("span", Labels.get("rule.windows"), "class", "fa-rule");
        }
        h.close("div");
        Page.CELLS.write(h, cell, false);
        if (!cell.reasons().isEmpty()) {
            h.open("ul", "class", "fa-reasons");
            cell.reasons().forEach(r -> h.element("li", r));
            h.close("ul");
        }
        if (viewer.admin()) {
            h.open("div", "class", "fa-operations");
            String env = stage.environment();
            if (stage.approve() != 0) {
                Page.operation(h, viewer, base + "approve", "approve", Labels.get("confirmApprove", stage.approve(), env),
                        Labels.get("approve"), false, "release", String.valueOf(stage.approve()), "environment", env)
                        .element("button", Labels.get("approve"), "type", "submit", "class", "fa-button fa-button--primary")
                        .close("form");
            }
            if (stage.retry() != 0) {
                Page.operation(h, viewer, base + "retry", "retry", Labels.get("confirmRetry", stage.retry(), env),
                        Labels.get("retry"), false, "release", String.valueOf(stage.retry()))
                        .element("button", Labels.get("retry"), "type", "submit", "class", "fa-button fa-button--primary")
                        .close("form");
            }
            if (stage.reject() != 0) {
                Page.operation(h, viewer, base + "reject", "reject", Labels.get("confirmReject", stage.reject()),
                        Labels.get("reject"), true, "release", String.valueOf(stage.reject()))
                        .element("button", Labels.get("reject"), "type", "submit", "class", "fa-button").close("form");
            }
            if (stage.rollbackTo() != 0) {
                Page.operation(h, viewer, base + "rollback", "rollback",
                        Labels.get("confirmRollback", env, stage.rollbackTo()), Labels.get("rollback"), true,
                        "environment", env)
                        .element("button", Labels.get("rollbackTo", stage.rollbackTo()), "type", "submit", "class",
                                "fa-button").close("form");
            }
            h.close("div");
        }
        h.close("li");
    }

    private static void pending(Html h, TrackerPage.PendingChange pending) {
        if (pending == null) {
            return;
        }
        h.element("h2", Labels.get("pendingTitle"), "id", "pending").open("p", "class", "fa-line")
                .text(Labels.get("pendingText")).external(pending.commitUrl(), pending.commit(), "class", "fa-mono")
                .element("span", "(" + Labels.get("blob", pending.blob()) + ")", "class", "fa-muted")
                .element("span", Labels.get("pendingShips")).close("p");
        diff(h, pending.fileDiff());
        for (Diff d : pending.rendered()) {
            h.open("details", "class", "fa-details").open("summary").text(Labels.get("renderedChange", d.title()));
            if (d.problem() != null) {
                h.element("span", " — " + Labels.get("cannotRender"), "class", "fa-muted");
            } else if (d.same()) {
                h.element("span", " — " + Labels.get("noChange"), "class", "fa-muted");
            }
            h.close("summary");
            diff(h, d);
            h.close("details");
        }
    }

    private static void diff(Html h, Diff d) {
        if (d.problem() != null) {
            h.element("p", d.problem(), "class", "fa-muted");
        } else if (d.same()) {
            h.element("p", Labels.get("same"), "class", "fa-muted");
        } else {
            h.open("pre", "class", "fa-code fa-diff");
            for (DiffLine line : d.lines()) {
                h.element("span", line.text(), "class", "fa-diff__" + line.kind());
            }
            h.close("pre");
        }
    }

    private static void releases(Html h, TrackerPage p) {
        h.element("h2", Labels.get("releases"));
        if (p.releases().isEmpty()) {
            h.element("p", Labels.get("noReleases"), "class", "fa-muted");
            return;
        }
        h.open("div", "class", "fa-table-wrap").open("table", "class", "fa-table fa-table--small fa-releases")
                .open("thead").open("tr");
        for (String k : new String[] {"col.release", "col.version", "col.digest", "col.status", "col.origin",
                "col.made", "col.config", "col.approvedFor", "col.note"}) {
            h.element("th", Labels.get(k));
        }
        h.close("tr").close("thead").open("tbody");
        for (ReleaseLine r : p.releases()) {
            h.open("tr").element("td", "#" + r.ref().number()).element("td", r.ref().version())
                    .open("td").element("code", r.ref().shortDigest(), "class", "fa-digest", "title", r.ref().image())
                    .close("td").element("td", r.status()).element("td", r.origin())
                    .open("td").time(r.ref().created()).close("td")
                    .open("td").external(r.configUrl(), r.config(), "class", "fa-mono").close("td")
                    .element("td", r.approvedFor()).element("td", r.reason()).close("tr");
        }
        h.close("tbody").close("table").close("div");
    }

    private static void history(Html h, TrackerPage p) {
        h.element("h2", Labels.get("history"));
        if (p.history().isEmpty()) {
            h.element("p", Labels.get("noHistory"), "class", "fa-muted");
            return;
        }
        // serve's own deployments have no runs to link to; a Run column only when some entry has one
        boolean runs = p.history().stream().anyMatch(e -> Html.safeUrl(e.runUrl()) != null);
        h.open("div", "class", "fa-table-wrap").open("table", "class", "fa-table fa-table--small fa-history")
                .open("thead").open("tr");
        for (String k : new String[] {"col.when", "col.who", "col.what", "col.release", "col.environment",
                "col.change", "col.note"}) {
            h.element("th", Labels.get(k));
        }
        if (runs) {
            h.element("th", Labels.get("col.run"));
        }
        h.close("tr").close("thead").open("tbody");
        for (HistoryLine e : p.history()) {
            h.open("tr", "class", e.person() ? "fa-by-person" : null).open("td").time(e.at()).close("td")
                    .element("td", e.actor(), "class", e.person() ? "fa-person" : "fa-muted")
                    .element("td", e.action()).element("td", e.release() == null ? "" : "#" + e.release())
                    .element("td", e.environment()).element("td", e.change()).element("td", e.detail());
            if (runs) {
                h.open("td");
                if (Html.safeUrl(e.runUrl()) != null) {
                    h.external(e.runUrl(), Labels.get("run"));
                }
                h.close("td");
            }
            h.close("tr");
        }
        h.close("tbody").close("table").close("div");
        if (p.older() > 0) {
            h.element("p", Labels.get("older", p.older()), "class", "fa-muted");
        }
    }
}
