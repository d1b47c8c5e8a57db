package io.jenkins.plugins.fathomable.status;

import io.jenkins.plugins.fathomable.core.dashboard.Cell;
import io.jenkins.plugins.fathomable.core.dashboard.Row;
import io.jenkins.plugins.fathomable.core.dashboard.html.CellHtml;
import io.jenkins.plugins.fathomable.core.dashboard.html.Html;
import io.jenkins.plugins.fathomable.core.dashboard.html.Look;
import io.jenkins.plugins.fathomable.core.dashboard.html.RowHtml;
import io.jenkins.plugins.fathomable.core.dashboard.html.Words;
import java.util.List;
import java.util.ResourceBundle;
import org.jenkins.ui.symbol.Symbol;
import org.jenkins.ui.symbol.SymbolRequest;
import org.jvnet.localizer.LocaleProvider;
import org.jvnet.localizer.ResourceBundleHolder;

/**
 * The overview's rows and a tracker's cells as HTML, written by core's {@link RowHtml} with Jenkins' classes and
 * words. A page of 100 rows has 400 cells: written in one pass they cost a few milliseconds, where a Jelly include
 * per cell cost most of the page's time. Every text is escaped by {@link Html}; the pages put the result in with
 * {@code <j:out>}.
 */
final class DashboardHtml {

    /** Jenkins draws hover texts from this attribute. */
    private static final String TOOLTIP = "tooltip";

    private DashboardHtml() {}

    /** The {@code <tr>} of every row, for the overview's {@code <tbody>}. */
    static String rows(List<Row> rows) {
        return new RowHtml(look(), words()).rows(rows, TOOLTIP);
    }

    /** One cell, as a tracker's page shows it in its stage (the reasons are listed below it, not in it). */
    static String cell(Cell cell) {
        Html h = new Html(TOOLTIP);
        new CellHtml(look(), words()).write(h, cell, false);
        return h.toString();
    }

    private static Look look() {
        // Symbol caches the SVG; asked per page, it follows a theme or plugin that replaces the symbol
        String warning = Symbol.get(new SymbolRequest.Builder().withName("warning").withClasses("icon-sm").build());
        return new Look("fathomable-", "jenkins-badge ", "jenkins-table__link ", true, warning,
                id -> "tracker/" + id + "/");
    }

    /** Core's words in the request's language (localizer follows Stapler's locale), numbers as they are. */
    private static Words words() {
        ResourceBundle bundle = ResourceBundleHolder.get(Words.class).get(LocaleProvider.getLocale());
        return (key, args) -> Words.format(bundle.getString(key), args);
    }
}
