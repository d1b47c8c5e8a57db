package io.jenkins.plugins.fathomable.cli.serve.ui;

import io.jenkins.plugins.fathomable.core.dashboard.html.Html;

/** No such tracker (or page). */
final class NotFoundHtml {

    private NotFoundHtml() {}

    static String render(Viewer viewer) {
        Html h = Page.start(Labels.get("notFoundTitle"), null, viewer == null ? Viewer.READER : viewer);
        h.element("h1", Labels.get("notFoundTitle")).open("p").text(Labels.get("notFoundText") + " ")
                .element("a", Labels.get("backToOverview"), "href", Page.ROOT).close("p");
        return Page.end(h);
    }
}
