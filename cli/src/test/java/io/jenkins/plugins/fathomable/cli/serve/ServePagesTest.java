package io.jenkins.plugins.fathomable.cli.serve;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s overview and tracker pages over real HTTP: who sees what (the admin token as a bearer or through
 * the login page's session; read-only with {@code --open-reads}; otherwise the login page), what a POST needs (the
 * admin, the session's form token, the same origin), what the operations do and how a refusal reads, escaping,
 * security headers, and that the REST routes beside the pages still answer.
 */
class ServePagesTest {

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.anonymous();

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path stateDir;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private DashboardScene scene;

    private DashboardScene start(boolean openReads) {
        GitHubFixture github = new GitHubFixture(WM, Instant.now().plus(Duration.ofHours(1)));
        scene = new DashboardScene(stateDir, github, REGISTRY, openReads, log);
        return scene;
    }

    @AfterEach
    void stop() {
        if (scene != null) {
            scene.close();
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(scene.uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(scene.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(form));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), BodyHandlers.ofString());
    }

    /** Signs in through the login form; the session's cookie. */
    private String signIn() throws Exception {
        HttpResponse<String> r = post("/ui/login", "token=" + DashboardScene.ADMIN_TOKEN);
        assertThat(r.statusCode()).isEqualTo(303);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/ui").doesNotContain(DashboardScene.ADMIN_TOKEN);
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static String formToken(String html) {
        Matcher m = Pattern.compile("name=\"formToken\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a form token on the page").isTrue();
        return m.group(1);
    }

    @Test
    void withoutOpenReadsThePagesLeadToTheLoginPageAndTheTokenOpensThem() throws Exception {
        start(false).everyState();
        assertThat(get("/").statusCode()).isEqualTo(303);
        assertThat(get("/").headers().firstValue("Location")).hasValue("/ui/");
        HttpResponse<String> anonymous = get("/ui/");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/ui/login");
        assertThat(get("/ui/trackers/shop.cart").statusCode()).isEqualTo(303);
        HttpResponse<String> login = get("/ui/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(post("/ui/login", "token=wrong").statusCode()).isEqualTo(401);
        assertThat(post("/ui/trackers/shop.search/unhold", "").statusCode()).isEqualTo(403);
        assertThat(scene.tracker("shop.search").path("releases").path("onHold").asBoolean()).isTrue();

        String cookie = signIn();
        HttpResponse<String> page = get("/ui/", "Cookie", cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        Document overview = Jsoup.parse(page.body());
        assertThat(overview.select("#fathomable-overview tbody tr").eachAttr("data-tracker"))
                .containsExactly("ops.legacy", "shop.cart", "shop.checkout", "shop.payments", "shop.search");
        assertThat(overview.select("#fathomable-overview thead th").eachText())
                .containsExactly("Tracker", "dev", "ha", "preprod", "prod");
        assertThat(overview.select("tr[data-tracker=shop.cart] td").eachAttr("data-state"))
                .containsExactly("deployed", "deployed", "deployed", "waiting");
        assertThat(overview.select("tr[data-tracker=shop.cart] td[data-environment=prod]").text())
                .contains("Waiting for approval", "Next 1.4.2 #1");
        assertThat(overview.select("tr[data-tracker=shop.checkout] td").eachAttr("data-state"))
                .containsExactly("failed", "none", "none", "none");
        assertThat(overview.select("tr[data-tracker=shop.search] td[data-environment=prod]").attr("data-state"))
                .isEqualTo("held");
        assertThat(overview.select("tr[data-tracker=ops.legacy] .fa-problem").text()).startsWith("GitHub: ");
        assertThat(overview.select("tr[data-tracker=shop.cart] .fa-source a").attr("href"))
                .isEqualTo("http://127.0.0.1:" + WM.getPort() + "/acme/cart/tree/main");
        assertThat(overview.select("form[name=pollNow]")).hasSize(1);
        assertThat(overview.select("script[src=/ui/static/dashboard.js]")).hasSize(1);
        assertThat(overview.select("script:not([src]), [style], [onclick], [onsubmit]"))
                .as("no inline script or style").isEmpty();

        HttpResponse<String> bearer = get("/ui/trackers/shop.cart", "Authorization", "Bearer " + DashboardScene.ADMIN_TOKEN);
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(bearer.body()).select("form[name=approve]")).hasSize(1);
    }

    @Test
    void withOpenReadsEveryoneReadsAndOnlyTheAdminOperates() throws Exception {
        start(true).everyState();
        HttpResponse<String> page = get("/ui/trackers/shop.cart");
        assertThat(page.statusCode()).isEqualTo(200);
        Document doc = Jsoup.parse(page.body());
        assertThat(doc.select("#fathomable-flow > li").eachAttr("data-environment")).containsExactlyElementsOf(
                DashboardScene.ENVIRONMENTS);
        assertThat(doc.select("form[method=post]")).as("no operation for a reader").isEmpty();
        assertThat(doc.select(".fa-who").text()).contains("Read only", "Sign in");
        assertThat(post("/ui/trackers/shop.cart/approve", "release=1&environment=prod").statusCode()).isEqualTo(403);
        assertThat(post("/ui/poll", "").statusCode()).isEqualTo(403);
        assertThat(scene.tracker("shop.cart").path("releases").path("prod").path("queued").path("number").asInt())
                .isEqualTo(1);
        assertThat(get("/ui/trackers/no.such").statusCode()).isEqualTo(404);
        assertThat(get("/ui/trackers/Not%20An%20Id").statusCode()).isEqualTo(404);
        assertThat(get("/ui/?state=failed").body()).contains("data-tracker=\"shop.checkout\"")
                .doesNotContain("data-tracker=\"shop.cart\"");
        assertThat(get("/ui/?q=carT").body()).contains("data-tracker=\"shop.cart\"")
                .doesNotContain("data-tracker=\"shop.search\"");
        assertThat(get("/trackers/shop.cart").statusCode()).as("the REST routes are still there").isEqualTo(200);
        assertThat(get("/ui/static/dashboard.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/ui/static/dashboard.js").body()).contains("fathomableConfirm");
        assertThat(get("/ui/static/%2e%2e/%2e%2e/trackers/").statusCode()).isNotEqualTo(200);
        assertThat(get("/ui/static/secrets.json").statusCode()).isEqualTo(404);
    }

    @Test
    void aPostNeedsTheSessionsFormTokenAndTheSameOriginThenTheOperationIsDone() throws Exception {
        start(false).everyState();
        String cookie = signIn();
        String token = formToken(get("/ui/trackers/shop.cart", "Cookie", cookie).body());
        String form = "release=1&environment=prod";
        assertThat(post("/ui/trackers/shop.cart/approve", form, "Cookie", cookie).statusCode()).as("no form token")
                .isEqualTo(403);
        assertThat(post("/ui/trackers/shop.cart/approve", form + "&formToken=x" + token, "Cookie", cookie).statusCode())
                .isEqualTo(403);
        assertThat(post("/ui/trackers/shop.cart/approve", form + "&formToken=" + token, "Cookie", cookie,
                "Origin", "https://evil.example").statusCode()).as("another origin").isEqualTo(403);
        assertThat(scene.tracker("shop.cart").path("releases").path("prod").path("queued").path("number").asInt())
                .as("nothing approved yet").isEqualTo(1);

        HttpResponse<String> done = post("/ui/trackers/shop.cart/approve", form + "&formToken=" + token, "Cookie",
                cookie, "Origin", scene.uri("/").toString().replaceAll("/$", ""));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).hasValue("/ui/trackers/shop.cart");
        scene.await("shop.cart", "deployed in prod", DashboardScene.deployed("prod", 1));
        assertThat(scene.tracker("shop.cart").path("releases").path("recentHistory").toString())
                .contains("\"actor\":\"admin\"", "approved");

        HttpResponse<String> again = post("/ui/trackers/shop.cart/approve", form + "&formToken=" + token, "Cookie", cookie);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(again.body()).select("#fathomable-refused").text())
                .isEqualTo("Could not approve release 1 for prod: release 1 is COMPLETED prod; only queued, deploying or"
                        + " failed releases can be approved");
        assertThat(post("/ui/trackers/shop.cart/rollback", "environment=nowhere&formToken=" + token, "Cookie", cookie)
                .statusCode()).isEqualTo(400);
        assertThat(post("/ui/trackers/shop.cart/retry", "release=99&formToken=" + token, "Cookie", cookie)
                .statusCode()).isEqualTo(404);

        assertThat(post("/ui/trackers/shop.search/unhold", "", "Authorization", "Bearer " + DashboardScene.ADMIN_TOKEN)
                .statusCode()).as("a bearer request needs no form token").isEqualTo(303);
        assertThat(scene.tracker("shop.search").path("releases").path("onHold").asBoolean()).isFalse();

        assertThat(post("/ui/logout", "formToken=" + token, "Cookie", cookie).statusCode()).isEqualTo(303);
        assertThat(get("/ui/", "Cookie", cookie).statusCode()).as("signed out").isEqualTo(303);
        assertThat(log).anyMatch(l -> l.contains("ui: POST /ui/trackers/shop.cart/approve -> 303"))
                .noneMatch(l -> l.contains(DashboardScene.ADMIN_TOKEN) || l.contains(token));
    }

    @Test
    void whatTrackersHoldIsEscaped() throws Exception {
        start(true);
        HttpResponse<String> created = scene.send(HttpRequest.newBuilder(scene.uri("/trackers/"))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(
                        "{\"id\":\"x.y\",\"repo\":\"acme/x\",\"sourcePath\":\"a/<script>alert(1)</script>.yaml\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String body = get("/ui/trackers/x.y").body();
        assertThat(body).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Jsoup.parse(body).select("script:not([src])")).isEmpty();
    }
}
