package io.jenkins.plugins.fathomable.core.dashboard.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.dashboard.Cell;
import io.jenkins.plugins.fathomable.core.dashboard.CellState;
import io.jenkins.plugins.fathomable.core.dashboard.Moment;
import io.jenkins.plugins.fathomable.core.dashboard.ReleaseRef;
import io.jenkins.plugins.fathomable.core.dashboard.Row;
import io.jenkins.plugins.fathomable.core.release.Blocker.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The overview's rows and cells as both hosts write them, read back with an HTML parser. */
class RowHtmlTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Look JENKINS = new Look("fathomable-", "jenkins-badge ", "jenkins-table__link ", true,
            "<svg class=\"icon-sm\"></svg>", id -> "tracker/" + id + "/");
    private static final Look SERVE = new Look("fa-", "", "", false, null, id -> "/ui/trackers/" + id);

    private static Moment ago(Duration d) {
        return Moment.of(NOW.minus(d), NOW);
    }

    private static ReleaseRef release(int number, String version) {
        return new ReleaseRef(number, version, "0c1f2a3", "ghcr.io/acme/shop@sha256:0c1f2a3", ago(Duration.ofHours(2)));
    }

    private static Cell cell(String env, CellState state, List<Kind> waitingFor, List<String> reasons,
            ReleaseRef deployed, ReleaseRef moving, boolean rollback) {
        return new Cell(env, state, waitingFor, reasons, deployed, deployed == null ? null : ago(Duration.ofMinutes(12)),
                moving, moving == null ? null : ago(Duration.ofMinutes(3)), rollback, null);
    }

    private static Row row(String problem, String refUrl, List<Cell> cells) {
        return new Row("shop.payments", "shop", "acme/payments", "main", "https://github.com/acme/payments", refUrl,
                "deploy/fathomable.yaml", true, ago(Duration.ofMinutes(1)), "OK", problem, "abc1234", true, cells);
    }

    private static Document parse(String rows) {
        return Jsoup.parse("<table><tbody>" + rows + "</tbody></table>");
    }

    private static final List<Cell> FOUR = List.of(
            cell("dev", CellState.DEPLOYED, List.of(), List.of(), release(7, "1.4.2"), null, false),
            cell("ha", CellState.FAILED, List.of(), List.of("release run shop #3 failed"), release(6, "1.4.1"),
                    release(7, "1.4.2"), false),
            cell("preprod", CellState.DEPLOYING, List.of(), List.of(), release(7, "1.4.2"), release(6, "1.4.1"), true),
            cell("prod", CellState.WAITING, List.of(Kind.APPROVAL, Kind.WINDOW), List.of("needs approval for prod"),
                    null, release(7, "1.4.2"), false));

    @Test
    void jenkinsRowsUseItsDesignLibraryAndItsTooltips() {
        Document d = parse(new RowHtml(JENKINS, Words.english()).rows(List.of(row("GitHub: rate limited", "https://github.com/acme/payments/tree/main", FOUR)), "tooltip"));
        Element tr = d.selectFirst("tr[data-tracker=shop.payments]");
        assertThat(tr.selectFirst("a.jenkins-table__link.fathomable-id").attr("href")).isEqualTo("tracker/shop.payments/");
        assertThat(tr.selectFirst(".fathomable-source a").attr("tooltip")).isEqualTo("deploy/fathomable.yaml on GitHub");
        assertThat(tr.selectFirst(".fathomable-meta time").attr("tooltip")).isNotEmpty();
        assertThat(tr.select(".fathomable-meta .jenkins-badge.fathomable-badge--held").text()).isEqualTo("\u25cfOn hold");
        assertThat(tr.selectFirst(".fathomable-badge--pending").attr("tooltip")).contains("abc1234");
        assertThat(tr.selectFirst(".fathomable-problem svg.icon-sm")).isNotNull();
        assertThat(tr.select("td.fathomable-env").eachAttr("data-state"))
                .containsExactly("deployed", "failed", "deploying", "waiting");
        assertThat(d.select("[title]")).isEmpty();
    }

    @Test
    void cellsSayStateReleaseAndWhatTheyWaitFor() {
        Document d = parse(new RowHtml(SERVE, Words.english()).rows(List.of(row(null, "https://github.com/acme/payments/tree/main", FOUR)), "title"));
        List<Element> cells = d.select("td.fa-env > .fa-cell");
        assertThat(cells).hasSize(4);
        assertThat(cells.get(0).selectFirst(".fa-badge--deployed").text()).isEqualTo("Deployed");
        assertThat(cells.get(0).selectFirst(".fa-release").text()).isEqualTo("1.4.2 0c1f2a3 #7");
        assertThat(cells.get(0).selectFirst(".fa-digest").attr("title")).isEqualTo("ghcr.io/acme/shop@sha256:0c1f2a3");
        assertThat(cells.get(0).selectFirst(".fa-when time").text()).isEqualTo("12 min ago");
        assertThat(cells.get(1).selectFirst(".fa-moving").text()).startsWith("Failed 1.4.2 #7");
        assertThat(cells.get(1).selectFirst(".fa-reason").text()).isEqualTo("release run shop #3 failed");
        assertThat(cells.get(2).selectFirst(".fa-badge").text()).isEqualTo("Rolling back");
        assertThat(cells.get(3).selectFirst(".fa-badge").text()).isEqualTo("Waiting for approval, window");
        assertThat(cells.get(3).selectFirst(".fa-badge").attr("title")).isEqualTo("needs approval for prod");
        assertThat(cells.get(3).selectFirst(".fa-empty")).isNull();
        assertThat(d.select(".fa-dot, svg, [tooltip]")).isEmpty();
        assertThat(d.selectFirst(".fa-problem")).isNull();
    }

    @Test
    void whatARowHoldsIsTextNeverMarkup() {
        String hostile = "<img src=x onerror=alert(1)>\"'&";
        ReleaseRef evil = new ReleaseRef(1, "<b>1</b>", "\"><i>", "<script>", ago(Duration.ofHours(1)));
        Row row = new Row("shop.payments", "shop", "acme/<x>", null, "javascript:alert(1)", "javascript:alert(1)",
                hostile, true, null, "NEVER_POLLED", hostile, "\"><script>", false,
                List.of(new Cell("dev", CellState.FAILED, List.of(), List.of(hostile), evil, null, evil, null, false, null)));
        Document d = parse(new RowHtml(JENKINS, Words.english()).rows(List.of(row), "tooltip"));
        assertThat(d.select("img, script, b, i")).isEmpty();
        assertThat(d.selectFirst(".fathomable-source a").hasAttr("href")).isFalse();
        assertThat(d.selectFirst(".fathomable-problem span").text()).isEqualTo(hostile);
        assertThat(d.selectFirst(".fathomable-reason").text()).isEqualTo(hostile);
        assertThat(d.selectFirst(".fathomable-version").text()).isEqualTo("<b>1</b>");
        assertThat(d.selectFirst(".fathomable-meta").text()).isEqualTo("Not polled yet \u25cfConfig change pending");
    }

    @Test
    void everyStateAndEveryWaitHasItsWords() {
        List<Cell> all = new ArrayList<>();
        for (CellState state : CellState.values()) {
            all.add(cell("e", state, List.of(Kind.values()), List.of("r"), null, state == CellState.NONE ? null : release(1, "1"), false));
        }
        List<String> asked = new ArrayList<>();
        Words english = Words.english();
        Words recording = (key, args) -> {
            asked.add(key);
            return english.get(key, args);
        };
        Document d = parse(new RowHtml(SERVE, recording).rows(List.of(row(null, "https://github.com/x", all)), "title"));
        assertThat(asked).contains("state.deployed", "state.waiting", "state.failed", "state.held", "state.deploying",
                "for.approval", "for.window", "for.soak", "for.previous", "for.busy", "for.removed", "for.hold",
                "notDeployed", "moving.failed", "moving.deploying", "moving.next");
        assertThat(d.select(".fa-cell--none .fa-empty").text()).isEqualTo("Not deployed yet");
    }
}
