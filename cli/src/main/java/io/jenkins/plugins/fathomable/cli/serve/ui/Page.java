package io.jenkins.plugins.fathomable.cli.serve.ui;

import io.jenkins.plugins.fathomable.core.dashboard.html.CellHtml;
import io.jenkins.plugins.fathomable.core.dashboard.html.Html;
import io.jenkins.plugins.fathomable.core.dashboard.html.Look;
import io.jenkins.plugins.fathomable.core.dashboard.html.RowHtml;

/** The frame every page shares: head with the style sheet and script (files, never inline), top bar, footer. */
final class Page {

    static final String ROOT = "/ui/";
    static final String CSS = "/ui/static/dashboard.css";
    static final String JS = "/ui/static/dashboard.js";
    /** serve's classes, {@code title} hovers and no symbols; the markup itself is core's, the same as in Jenkins. */
    static final Look LOOK = new Look("fa-", "", "", false, null, id -> "/ui/trackers/" + id);
    static final RowHtml ROWS = new RowHtml(LOOK, Labels::get);
    static final CellHtml CELLS = new CellHtml(LOOK, Labels::get);

    private Page() {}

    /** Opens the document up to the start of {@code <main>}; {@code crumb} is the page's name after the brand. */
    static Html start(String title, String crumb, Viewer viewer) {
        Html h = new Html().raw("<!DOCTYPE html>").open("html", "lang", "en").open("head")
                .empty("meta", "charset", "utf-8")
                .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .empty("meta", "name", "color-scheme", "content", "light dark")
                .element("title", title)
                .empty("link", "rel", "icon", "href", "/ui/static/favicon.svg", "type", "image/svg+xml")
                .empty("link", "rel", "stylesheet", "href", CSS)
                .open("script", "src", JS, "defer", "defer").close("script")
                .close("head").open("body")
                .open("header", "class", "fa-topbar")
                .open("nav", "class", "fa-crumbs", "aria-label", Labels.get("nav"))
                .element("a", Labels.get("brand"), "href", ROOT, "class", "fa-brand");
        if (crumb != null) {
            h.element("span", "/", "class", "fa-crumb-sep", "aria-hidden", "true").element("span", crumb);
        }
        h.close("nav").open("div", "class", "fa-who");
        if (viewer.admin()) {
            h.element("span", Labels.get("signedIn"), "class", "fa-muted");
            if (viewer.session()) {
                h.open("form", "method", "post", "action", "/ui/logout", "class", "fa-inline")
                        .empty("input", "type", "hidden", "name", UiHandler.FORM_TOKEN, "value", viewer.formToken())
                        .element("button", Labels.get("signOut"), "type", "submit", "class", "fa-button fa-button--quiet")
                        .close("form");
            }
        } else {
            h.element("span", Labels.get("readOnly"), "class", "fa-muted")
                    .element("a", Labels.get("signIn"), "href", "/ui/login", "class", "fa-button fa-button--quiet");
        }
        return h.close("div").close("header").open("main", "class", "fa-page", "id", "main-panel");
    }

    static String end(Html h) {
        return h.close("main").open("footer", "class", "fa-footer").text(Labels.get("footer")).close("footer")
                .close("body").close("html").toString();
    }

    /** A POST form for an operation, with the session's form token and a question to confirm. */
    static Html operation(Html h, Viewer viewer, String action, String name, String confirm, String title,
            boolean destructive, String... fields) {
        h.open("form", "method", "post", "action", action, "name", name, "class", "fa-inline",
                "data-fathomable-confirm", confirm, "data-fathomable-title", title,
                "data-fathomable-destructive", destructive ? "true" : null);
        if (viewer.formToken() != null) {
            h.empty("input", "type", "hidden", "name", UiHandler.FORM_TOKEN, "value", viewer.formToken());
        }
        for (int i = 0; i + 1 < fields.length; i += 2) {
            h.empty("input", "type", "hidden", "name", fields[i], "value", fields[i + 1]);
        }
        return h;
    }
}
