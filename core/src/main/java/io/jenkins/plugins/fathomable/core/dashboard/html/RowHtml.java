package io.jenkins.plugins.fathomable.core.dashboard.html;

import io.jenkins.plugins.fathomable.core.dashboard.Cell;
import io.jenkins.plugins.fathomable.core.dashboard.Row;
import java.util.List;

/**
 * The overview's rows: per tracker a header (id, {@code repo@ref} on GitHub, last poll, hold and pending-config
 * markers, the last error) and a cell per environment. The same markup in Jenkins and in {@code serve}.
 */
public final class RowHtml {

    private final Look look;
    private final Words words;
    private final CellHtml cells;

    public RowHtml(Look look, Words words) {
        this.look = look;
        this.words = words;
        this.cells = new CellHtml(look, words);
    }

    /** The {@code <tr>} of every row, for a {@code <tbody>}. */
    public String rows(List<Row> rows, String tooltipAttribute) {
        Html h = new Html(tooltipAttribute);
        for (Row row : rows) {
            write(h, row);
        }
        return h.toString();
    }

    public void write(Html h, Row row) {
        h.open("tr", "data-tracker", row.id()).open("th", "scope", "row", "class", look.css("tracker"))
                .element("a", row.id(), "href", look.trackerHref().apply(row.id()), "class", look.link() + look.css("id"))
                .open("div", "class", look.css("source"))
                .external(row.refUrl(), row.source(), h.tooltip(), words.get("onGitHub", row.sourcePath()))
                .close("div");
        h.open("div", "class", look.css("meta"));
        if (row.neverPolled()) {
            h.element("span", words.get("notPolled"), "class", look.css("muted"));
        } else {
            h.element("span", words.get("polled")).text(" ").time(row.lastPoll());
        }
        if (row.held()) {
            cells.badge(h.text(" "), "held", words.get("onHold"), null);
            h.close("span");
        }
        if (row.pendingConfig() != null) {
            cells.badge(h.text(" "), "pending", words.get("pendingConfig"), words.get("pendingTooltip", row.pendingConfig()));
            h.close("span");
        }
        h.close("div");
        if (row.problem() != null) {
            h.open("div", "class", look.css("problem"));
            if (look.warningIcon() != null) {
                h.raw(look.warningIcon());
            }
            h.element("span", row.problem()).close("div");
        }
        h.close("th");
        for (Cell cell : row.cells()) {
            h.open("td", "class", look.css("env"), "data-environment", cell.environment(), "data-state",
                    cell.state().key());
            cells.write(h, cell, true);
            h.close("td");
        }
        h.close("tr");
    }
}
