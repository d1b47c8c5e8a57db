package io.jenkins.plugins.fathomable.core.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.fathomable.core.tracker.GitRef;
import io.jenkins.plugins.fathomable.core.tracker.TrackerObservation.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the dashboard says things: times, errors, GitHub links, query strings. */
class WordsTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static String ago(Duration d) {
        return Moment.of(NOW.minus(d), NOW).relative();
    }

    @Test
    void relativeTimes() {
        assertThat(ago(Duration.ofSeconds(10))).isEqualTo("just now");
        assertThat(ago(Duration.ofSeconds(50))).isEqualTo("1 min ago");
        assertThat(ago(Duration.ofMinutes(12))).isEqualTo("12 min ago");
        assertThat(ago(Duration.ofMinutes(89))).isEqualTo("89 min ago");
        assertThat(ago(Duration.ofHours(5))).isEqualTo("5 h ago");
        assertThat(ago(Duration.ofDays(1))).isEqualTo("24 h ago");
        assertThat(ago(Duration.ofDays(3))).isEqualTo("3 days ago");
        assertThat(ago(Duration.ofDays(100))).isEqualTo("on 2026-08-15");
        assertThat(ago(Duration.ofMinutes(-40))).isEqualTo("in 40 min");
        assertThat(Moment.of(NOW, NOW).exact()).isEqualTo("2026-11-23 10:00:00 UTC");
        assertThat(Moment.of(NOW, NOW).iso()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(Moment.of(null, NOW)).isNull();
    }

    @Test
    void errorsBecomeSentences() {
        assertThat(Sentences.lastError(Status.ERROR, "GitHub client could not be created: Server returned HTTP "
                + "response code: -1, message: 'null' for URL: https://github.example.com/api/v3/rate_limit"))
                .isEqualTo("Cannot reach GitHub API at https://github.example.com/api/v3: no connection could be made"
                        + " (check the GitHub API URL, the proxy and the firewall)");
        assertThat(Sentences.lastError(Status.ERROR, "cannot reach GitHub API at https://api.github.com: unknown host"
                + " api.github.com (reading repository acme/payments)"))
                .isEqualTo("Cannot reach GitHub API at https://api.github.com: unknown host api.github.com (reading"
                        + " repository acme/payments)");
        assertThat(Sentences.lastError(Status.ERROR, "unexpected failure: java.lang.IllegalStateException: the"
                + " cache is closed")).isEqualTo("Something unexpected went wrong: the cache is closed");
        assertThat(Sentences.lastError(Status.ERROR, "GitHub client could not be created: "
                + "java.net.SocketTimeoutException: Read timed out"))
                .isEqualTo("Cannot connect to GitHub: Read timed out");
        assertThat(Sentences.lastError(Status.NOT_FOUND, null))
                .isEqualTo("The repository, ref or file was not found");
        assertThat(Sentences.lastError(Status.OK, null)).isNull();
        assertThat(Sentences.lastError(Status.NEVER_POLLED, null)).isNull();
        assertThat(Sentences.lastError(Status.ERROR, "line\nbreak")).isEqualTo("Line\\nbreak");
        assertThat(Sentences.lastError(Status.ERROR, "x".repeat(2000))).hasSizeLessThan(700);
    }

    @Test
    void gitHubWebPagesFromTheApiUrl() {
        var tracker = Scene.tracker("shop.payments", "acme/payments", GitRef.branch("release/1.x"));
        assertThat(GitHubWeb.forApi("").ref(tracker)).isEqualTo("https://github.com/acme/payments/tree/release/1.x");
        assertThat(GitHubWeb.forApi("https://api.github.com/").base()).isEqualTo("https://github.com");
        assertThat(GitHubWeb.forApi("https://github.example.com/api/v3").repository("acme/payments"))
                .isEqualTo("https://github.example.com/acme/payments");
        assertThat(GitHubWeb.forApi("https://api.acme.ghe.com").base()).isEqualTo("https://acme.ghe.com");
        assertThat(GitHubWeb.forApi("http://127.0.0.1:8089").base()).isEqualTo("http://127.0.0.1:8089");
        assertThat(GitHubWeb.forApi(null).file("acme/payments", "abc", "deploy/fathomable.yaml"))
                .isEqualTo("https://github.com/acme/payments/blob/abc/deploy/fathomable.yaml");
        assertThat(GitHubWeb.forApi(null).ref(Scene.tracker("a.b", "acme/x", GitRef.tag("v1#2"))))
                .isEqualTo("https://github.com/acme/x/tree/v1%232");
        assertThat(GitHubWeb.forApi(null).ref(Scene.tracker("a.b", "acme/x", GitRef.DEFAULT)))
                .isEqualTo("https://github.com/acme/x");
    }

    @Test
    void queryStringsCarryOnlyWhatDiffersFromTheDefaults() {
        assertThat(OverviewQuery.all().toQueryString()).isEqualTo("?");
        OverviewQuery q = OverviewQuery.parse(Map.of("q", "  Pay Ments ", "state", "FAILED", "page", "3", "size",
                "100", "group", "Shop")::get);
        assertThat(q.text()).isEqualTo("pay ments");
        assertThat(q.state()).isEqualTo(StateFilter.FAILED);
        assertThat(q.toQueryString()).isEqualTo("?q=pay+ments&group=shop&state=failed&page=3&size=100");
        assertThat(OverviewQuery.parse(Map.of("page", "99999999999", "q", "x".repeat(500))::get))
                .satisfies(o -> {
                    assertThat(o.page()).isEqualTo(1);
                    assertThat(o.text()).hasSize(OverviewQuery.MAX_TEXT);
                });
        assertThat(OverviewQuery.parse(Map.of("q", "a&b=c")::get).toQueryString()).isEqualTo("?q=a%26b%3Dc");
    }
}
