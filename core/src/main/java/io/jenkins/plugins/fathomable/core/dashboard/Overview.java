package io.jenkins.plugins.fathomable.core.dashboard;

import java.util.List;

/**
 * One page of the overview.
 *
 * @param environments the flow's environments, in order (the columns)
 * @param rows         the trackers of this page
 * @param matching     how many trackers match the query
 * @param total        how many trackers there are
 * @param query        the query, its page within {@code 1..pages}
 * @param pages        how many pages the matching trackers fill (at least 1)
 * @param groups       every group, for the group filter
 * @param at           when the page was made
 */
public record Overview(List<String> environments, List<Row> rows, int matching, int total, OverviewQuery query,
        int pages, List<String> groups, Moment at) {

    public Overview {
        environments = List.copyOf(environments);
        rows = List.copyOf(rows);
        groups = List.copyOf(groups);
    }

    public int page() {
        return query.page();
    }

    /** 1-based position of the first row shown (0 when there is none). */
    public int first() {
        return rows.isEmpty() ? 0 : (page() - 1) * query.size() + 1;
    }

    public int last() {
        return rows.isEmpty() ? 0 : first() + rows.size() - 1;
    }

    public boolean hasPrevious() {
        return page() > 1;
    }

    public boolean hasNext() {
        return page() < pages;
    }

    public String previousQuery() {
        return query.withPage(page() - 1).toQueryString();
    }

    public String nextQuery() {
        return query.withPage(page() + 1).toQueryString();
    }

    public String firstQuery() {
        return query.withPage(1).toQueryString();
    }

    public String lastQuery() {
        return query.withPage(pages).toQueryString();
    }
}
