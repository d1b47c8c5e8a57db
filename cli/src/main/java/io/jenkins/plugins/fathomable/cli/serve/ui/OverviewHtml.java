package io.jenkins.plugins.fathomable.cli.serve.ui;

import io.jenkins.plugins.fathomable.core.dashboard.Overview;
import io.jenkins.plugins.fathomable.core.dashboard.OverviewQuery;
import io.jenkins.plugins.fathomable.core.dashboard.Row;
import io.jenkins.plugins.fathomable.core.dashboard.StateFilter;
import io.jenkins.plugins.fathomable.core.dashboard.html.Html;
import java.util.List;

/** The overview of {@code serve}: one row per tracker, one column per environment, filter and pages. */
final class OverviewHtml {

    /** The state filter's options, in the order people look for them. */
    private static final List<StateFilter> STATES = List.of(StateFilter.FAILED, StateFilter.APPROVAL,
            StateFilter.WAITING, StateFilter.DEPLOYING, StateFilter.HELD, StateFilter.DEPLOYED, StateFilter.ERROR,
            StateFilter.PENDING, StateFilter.NEW);

    private OverviewHtml() {}

    static String render(Overview o, Viewer viewer) {
        Html h = Page.start(Labels.get("title"), null, viewer);
        h.open("div", "class", "fa-app-bar").element("h1", Labels.get("title"));
        if (viewer.admin()) {
            Page.operation(h, viewer, "/ui/poll", "pollNow", null, null, false)
                    .element("button", Labels.get("pollNow"), "type", "submit", "class", "fa-button").close("form");
        }
        h.close("div");
        filter(h, o);
        if (o.total() == 0) {
            h.element("p", Labels.get("noTrackers"), "class", "fa-empty-page");
        } else if (o.matching() == 0) {
            h.element("p", Labels.get("noMatch", o.total()), "class", "fa-empty-page");
        } else {
            table(h, o);
        }
        pager(h, o);
        return Page.end(h);
    }

    private static void filter(Html h, Overview o) {
        OverviewQuery q = o.query();
        h.open("form", "method", "get", "action", Page.ROOT, "class", "fa-filter", "name", "filter", "role", "search")
                .empty("input", "type", "search", "name", "q", "value", q.text(), "class", "fa-input fa-filter__text",
                        "placeholder", Labels.get("search"), "aria-label", Labels.get("search"));
        h.open("select", "name", "group", "class", "fa-select", "aria-label", Labels.get("group"))
                .element("option", Labels.get("allGroups"), "value", "");
        for (String g : o.groups()) {
            h.element("option", g, "value", g, "selected", g.equals(q.group()) ? "selected" : null);
        }
        h.close("select").open("select", "name", "state", "class", "fa-select", "aria-label", Labels.get("state"))
                .element("option", Labels.get("anyState"), "value", "");
        for (StateFilter f : STATES) {
            h.element("option", Labels.get("filter." + f.key()), "value", f.key(), "selected",
                    f == q.state() ? "selected" : null);
        }
        h.close("select").open("select", "name", "size", "class", "fa-select", "aria-label", Labels.get("pageSize"));
        for (int n : OverviewQuery.SIZES) {
            h.element("option", Labels.get("perPage", n), "value", String.valueOf(n), "selected",
                    n == q.size() ? "selected" : null);
        }
        h.close("select").element("button", Labels.get("filter"), "type", "submit", "class", "fa-button");
        if (q.filtered()) {
            h.element("a", Labels.get("clear"), "href", Page.ROOT, "class", "fa-button fa-button--quiet");
        }
        h.close("form");
    }

    private static void table(Html h, Overview o) {
        h.open("div", "class", "fa-table-wrap").open("table", "class", "fa-table fa-overview", "id", "fathomable-overview")
                .open("thead").open("tr").element("th", Labels.get("tracker"), "class", "fa-tracker-column");
        for (String env : o.environments()) {
            h.element("th", env);
        }
        h.close("tr").close("thead").open("tbody");
        for (Row row : o.rows()) {
            Page.ROWS.write(h, row);
        }
        h.close("tbody").close("table").close("div");
    }

    private static void pager(Html h, Overview o) {
        h.open("div", "class", "fa-pager").open("span", "class", "fa-muted")
                .text(o.matching() == o.total() ? Labels.get("showingAll", o.first(), o.last(), o.total())
                        : Labels.get("showingMatching", o.first(), o.last(), o.matching(), o.total()))
                .text(" · " + Labels.get("asOf") + " ").element("time", o.at().exact(), "datetime", o.at().iso())
                .close("span");
        if (o.pages() > 1) {
            h.open("nav", "class", "fa-pages", "aria-label", Labels.get("pages"));
            if (o.hasPrevious()) {
                h.element("a", Labels.get("previous"), "href", Page.ROOT + o.previousQuery(), "class", "fa-button",
                        "rel", "prev");
            }
            h.element("span", Labels.get("pageOf", o.page(), o.pages()));
            if (o.hasNext()) {
                h.element("a", Labels.get("next"), "href", Page.ROOT + o.nextQuery(), "class", "fa-button", "rel", "next");
            }
            h.close("nav");
        }
        h.close("div");
    }
}
