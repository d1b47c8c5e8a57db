package io.jenkins.plugins.fathomable.e2e.browser;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.source.registry.ImagePusher;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.Fixtures;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
import io.jenkins.plugins.fathomable.e2e.harness.Browser;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsClient;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsGroup;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsUser;
import io.jenkins.plugins.fathomable.e2e.harness.RealJenkins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a browser: the global configuration page and the release dashboard (Manage Jenkins » Fathomable and the page of
 * each tracker) in Debian's headless Chromium, as an administrator, with Jenkins' Content Security Policy enforced.
 * Five trackers on the GitHub and registry stand-ins go through dev → ha → preprod → prod as real Pipeline runs of
 * a release template that renders, and fails for one tracker on purpose; through the pages' own forms the admin
 * polls, approves one release into prod and holds another tracker. Screenshots under
 * {@code target/e2e/browser/screenshots/}; any error in the JavaScript console (a script error, a resource that did
 * not load, a CSP violation) fails the test.
 */
@Order(5)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

    static final String GITHUB_TOKEN = "ghp_e2eBrowserToken3d5f7a9b1c";
    static final List<String> TRACKERS = List.of("ops.legacy", "shop.cart", "shop.checkout", "shop.payments",
            "shop.search");

    /** GitHub's GraphQL endpoint: trackers with a token are looked up there, their files read over REST. */
    static final GitHubGraphQl GRAPHQL = new GitHubGraphQl();

    @RegisterExtension
    @Order(1)
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(GRAPHQL))
            .resetOnEachTest(false).build();

    @RegisterExtension
    @Order(2)
    static final RegistryServer REGISTRY = RegistryServer.anonymous();

    @RegisterExtension
    @Order(3)
    static final JenkinsGroup GROUP = JenkinsGroup.of("browser", b -> JenkinsGroup.secured(standIns(b))
            .env("GITHUB_TOKEN", GITHUB_TOKEN)
            // Jenkins' Content Security Policy enforced, not only reported: an inline script would not run
            .systemProperty("jenkins.security.csp.CspHeader.headerName", "Content-Security-Policy")
            .casc("fathomable.yaml", """
                    credentials:
                      system:
                        domainCredentials:
                          - credentials:
                              - string:
                                  scope: SYSTEM
                                  id: github-token
                                  secret: "${GITHUB_TOKEN}"
                    unclassified:
                      fathomable:
                        githubApiUrl: "%s"
                        allowedRegistryHosts: "%s"
                        releasePipelineTemplate: |
                          fathomableRender()
                          if ({{name}} == 'checkout') {
                            currentBuild.result = 'FAILURE'
                          }
                        environments:
                          - name: dev
                            order: 10
                            namespace: shop-dev
                            inCluster: true
                          - name: ha
                            order: 20
                            namespace: shop-ha
                            inCluster: true
                          - name: preprod
                            order: 30
                            namespace: shop-preprod
                            inCluster: true
                          - name: prod
                            order: 40
                            namespace: shop-prod
                            serverUrl: https://prod-kube.example.com:6443
                            credentialsId: github-token
                            approvalRequired: true
                        registries:
                          - host: "%s"
                            maxConcurrent: 2
                        trackers:
                    %s
                    """.formatted(GITHUB.baseUrl(), REGISTRY.host(), REGISTRY.host(), trackers())))
            .tolerate("No valid crumb was included in request for /manage/fathomable/", "a POST without crumb, on purpose");

    private static Browser browser;
    private static GitHubFixture github;

    private static String trackers() {
        StringBuilder out = new StringBuilder();
        for (String id : TRACKERS) {
            out.append("      - id: ").append(id).append('\n')
                    .append("        repo: acme/").append(id.substring(id.indexOf('.') + 1)).append('\n')
                    .append("        sourcePath: deploy/fathomable.yaml\n")
                    .append("        branch: main\n")
                    .append("        credentialsId: github-token\n");
        }
        return out.toString();
    }

    /** The images and repositories exist before Jenkins starts, so its first periodic poll finds them too. */
    static RealJenkins.Builder standIns(RealJenkins.Builder b) {
        try {
            pushAndPublish();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return b;
    }

    private static void pushAndPublish() throws Exception {
        github = new GitHubFixture(GITHUB, Instant.now().plus(Duration.ofHours(1)), GRAPHQL);
        for (String id : TRACKERS) {
            String app = id.substring(id.indexOf('.') + 1);
            if (app.equals("legacy")) {
                continue; // a repository that is gone: the tracker's poll fails with 404
            }
            ImagePusher.Pushed image = REGISTRY.pusher().image("acme/" + app, "1.4.2");
            assertThat(image.digest()).startsWith("sha256:");
            github.repository("acme/" + app, "main");
            publish(app, "browser-" + app + "-1", 2);
        }
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start(GROUP.jenkins());
        browser.login(GROUP.jenkins().url(), JenkinsUser.ADMIN);
    }

    /** A commit on main of {@code acme/APP} whose fathomable.yaml asks for {@code replicas}. */
    private static void publish(String app, String commit, int replicas) {
        String sha = GitHubFixture.sha(commit);
        github.commit("acme/" + app, "heads/main", sha);
        github.file("acme/" + app, "deploy/fathomable.yaml", sha,
                Fixtures.webService(app, replicas, REGISTRY.host() + "/acme/" + app, "tag: \"1.4.2\""));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static String state(String tracker, String env) {
        List<WebElement> cells = driver().findElements(By.cssSelector(
                "tr[data-tracker='" + tracker + "'] td[data-environment='" + env + "']"));
        return cells.isEmpty() ? "(no cell)" : cells.get(0).getDomAttribute("data-state");
    }

    /** Reloads the overview until every expectation {@code tracker/env → state} holds. */
    private static void awaitOverview(Map<String, String> expected) {
        new WebDriverWait(driver(), Duration.ofSeconds(240)).pollingEvery(Duration.ofSeconds(2))
                .withMessage(() -> "overview states " + expected).until(d -> {
                    browser.open(GROUP.jenkins().url().resolve("manage/fathomable/"));
                    return expected.entrySet().stream().allMatch(e -> {
                        String[] key = e.getKey().split("/");
                        return e.getValue().equals(state(key[0], key[1]));
                    });
                });
    }

    private static void confirmDialog() throws IOException {
        confirmDialog(null);
    }

    /** Answers Jenkins' confirmation dialog with its OK button, after a screenshot of it if {@code screenshot} is named. */
    private static void confirmDialog(String screenshot) throws IOException {
        WebElement dialog = browser.awaitDialog();
        if (screenshot != null) {
            browser.screenshot(screenshot, dialog);
        }
        browser.confirm(dialog);
    }

    @Test
    @Order(1)
    void theGlobalConfigurationPageLoadsWithoutErrors() throws Exception {
        browser.open(GROUP.jenkins().url().resolve("manage/configure"));
        WebElement section = driver().findElement(By.xpath(
                "//div[@name='io-jenkins-plugins-fathomable-config-FathomableConfiguration']/following-sibling::section[1]"));
        assertThat(section.findElement(By.className("jenkins-section__title")).getText()).isEqualTo("Fathomable");
        // open every "Advanced" of the section, so the screenshot shows every field
        for (WebElement advanced : section.findElements(By.cssSelector("button.advanced-button"))) {
            if (advanced.isDisplayed()) {
                browser.click(advanced);
            }
        }
        assertThat(section.findElement(By.name("_.githubApiUrl")).isDisplayed()).isTrue();
        assertThat(section.findElement(By.name("_.githubApiUrl")).getDomProperty("value")).isEqualTo(GITHUB.baseUrl());
        browser.screenshot("global-configuration");
        browser.screenshot("global-configuration-fathomable-section", section);
        assertThat(browser.consoleErrors()).as("JavaScript console on Manage Jenkins » System").isEmpty();
    }

    @Test
    @Order(2)
    void configuredTrackersAreListedAtOnceUnderAnEnforcedContentSecurityPolicy() throws Exception {
        JenkinsClient.Response page = GROUP.admin().get("manage/fathomable/");
        assertThat(page.status()).isEqualTo(200);
        String csp = page.header("Content-Security-Policy").orElse("");
        assertThat(csp).as("enforced CSP").contains("script-src ");
        assertThat(csp.substring(csp.indexOf("script-src ")).split(";")[0]).contains("'self'")
                .doesNotContain("unsafe-inline");
        browser.open(GROUP.jenkins().url().resolve("manage/fathomable/"));
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Fathomable");
        List<String> rows = driver().findElements(By.cssSelector("#fathomable-overview tbody tr")).stream()
                .map(r -> r.getDomAttribute("data-tracker")).toList();
        assertThat(rows).as("every configured tracker, before or after its first poll").containsExactlyElementsOf(TRACKERS);
        assertThat(driver().findElements(By.cssSelector("#fathomable-overview thead th")).stream()
                .map(WebElement::getText).toList()).containsExactly("Tracker", "dev", "ha", "preprod", "prod");
        assertThat(driver().findElement(By.cssSelector("tr[data-tracker='shop.cart'] .fathomable-source a"))
                .getDomAttribute("href")).isEqualTo(GITHUB.baseUrl() + "/acme/cart/tree/main");
        browser.screenshot("overview-before-poll");
        assertThat(browser.consoleErrors()).as("JavaScript console on the overview").isEmpty();
    }

    @Test
    @Order(3)
    void afterAPollReleasesRunThroughTheFlowAndWaitForApprovalOrFail() throws Exception {
        browser.clickAndWait(driver().findElement(By.cssSelector("form[name=pollNow] button")));
        awaitOverview(Map.of("shop.payments/preprod", "deployed", "shop.payments/prod", "waiting",
                "shop.cart/prod", "waiting", "shop.search/prod", "waiting", "shop.checkout/dev", "failed"));
        assertThat(state("shop.checkout", "ha")).isEqualTo("none");
        WebElement prod = driver().findElement(By.cssSelector("tr[data-tracker='shop.cart'] td[data-environment='prod']"));
        assertThat(prod.getText()).contains("Waiting", "for approval", "Next", "#1", "1.4.2");
        WebElement dev = driver().findElement(By.cssSelector("tr[data-tracker='shop.cart'] td[data-environment='dev']"));
        assertThat(dev.getText()).contains("Deployed", "1.4.2", "#1", "just now");
        assertThat(driver().findElement(By.cssSelector("tr[data-tracker='ops.legacy'] .fathomable-problem")).getText())
                .as("the last error, in words").isNotBlank();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(4)
    void approvingThroughTheTrackerPageDeploysToProd() throws Exception {
        browser.open(GROUP.jenkins().url().resolve("manage/fathomable/tracker/shop.payments/"));
        assertThat(driver().findElements(By.cssSelector("#fathomable-flow > li")).stream()
                .map(li -> li.getDomAttribute("data-environment")).toList()).containsExactly("dev", "ha", "preprod", "prod");
        assertThat(driver().findElement(By.cssSelector("li[data-environment='prod']")).getText())
                .contains("Waiting", "for approval", "needs approval for prod");
        browser.screenshot("tracker-waiting-for-approval");
        browser.click(driver().findElement(By.cssSelector("li[data-environment='prod'] form[name=approve] button")));
        confirmDialog("tracker-confirm-approve");
        new WebDriverWait(driver(), Duration.ofSeconds(120)).pollingEvery(Duration.ofSeconds(2)).until(d -> {
            browser.open(GROUP.jenkins().url().resolve("manage/fathomable/tracker/shop.payments/"));
            return "deployed".equals(d.findElement(By.cssSelector("li[data-environment='prod']")).getDomAttribute("data-state"));
        });
        String history = driver().findElement(By.cssSelector("table.fathomable-history")).getText();
        assertThat(history).contains("approved", JenkinsUser.ADMIN.name(), "deployed");
        assertThat(driver().findElements(By.cssSelector("table.fathomable-history a")).stream()
                .map(a -> a.getDomAttribute("href")).toList()).anySatisfy(href ->
                        assertThat(href).contains("job/fathomable-shop.payments/"));
        browser.screenshot("tracker-deployed");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(5)
    void holdingATrackerHoldsItsWaitingRelease() throws Exception {
        browser.open(GROUP.jenkins().url().resolve("manage/fathomable/tracker/shop.search/"));
        browser.click(driver().findElement(By.cssSelector("form[name=hold] button")));
        confirmDialog();
        assertThat(driver().findElement(By.cssSelector("li[data-environment='prod']")).getDomAttribute("data-state"))
                .isEqualTo("held");
        assertThat(driver().findElement(By.cssSelector("form[name=unhold] button")).getText()).contains("Release hold");
        browser.screenshot("tracker-held");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(6)
    void aFailedReleaseShowsWhyAndOffersRetry() throws Exception {
        browser.open(GROUP.jenkins().url().resolve("manage/fathomable/tracker/shop.checkout/"));
        WebElement dev = driver().findElement(By.cssSelector("li[data-environment='dev']"));
        assertThat(dev.getDomAttribute("data-state")).isEqualTo("failed");
        assertThat(dev.getText()).contains("release run fathomable-shop.checkout #1 failed");
        assertThat(dev.findElements(By.cssSelector("form[name=retry]"))).hasSize(1);
        assertThat(dev.findElement(By.cssSelector("a.fathomable-run")).getDomAttribute("href"))
                .contains("job/fathomable-shop.checkout/1/");
        browser.screenshot("tracker-failed");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(7)
    void aPendingConfigShowsItsRenderedDiff() throws Exception {
        publish("cart", "browser-cart-2", 5);
        JenkinsClient admin = GROUP.session(JenkinsUser.ADMIN);
        assertThat(admin.postFormWithCrumb("manage/fathomable/pollNow", Map.of()).status()).isIn(200, 302);
        new WebDriverWait(driver(), Duration.ofSeconds(120)).pollingEvery(Duration.ofSeconds(2)).until(d -> {
            browser.open(GROUP.jenkins().url().resolve("manage/fathomable/tracker/shop.cart/"));
            return !d.findElements(By.id("pending")).isEmpty();
        });
        String diff = driver().findElement(By.cssSelector(".fathomable-diff")).getText();
        assertThat(diff).contains("-  replicas: 2", "+  replicas: 5");
        WebElement prod = driver().findElements(By.cssSelector("details.fathomable-details")).stream()
                .filter(d -> d.getText().contains("What it changes in prod")).findFirst().orElseThrow();
        browser.click(prod.findElement(By.tagName("summary")));
        assertThat(prod.getText()).contains("+  replicas: 5");
        browser.screenshot("tracker-pending-config");
        for (WebElement details : driver().findElements(By.cssSelector("details.fathomable-details"))) {
            if (details.getDomAttribute("open") == null) {
                browser.click(details.findElement(By.tagName("summary")));
            }
        }
        assertThat(driver().findElement(By.cssSelector("body")).getText()).contains("kind: Deployment",
                "namespace: shop-dev");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(8)
    void theOverviewShowsEveryStateAndFiltersOnTheServer() throws Exception {
        awaitOverview(Map.of("shop.payments/prod", "deployed", "shop.cart/prod", "waiting",
                "shop.search/prod", "held", "shop.checkout/dev", "failed"));
        assertThat(driver().findElement(By.cssSelector("tr[data-tracker='shop.cart'] .fathomable-badge--pending"))
                .isDisplayed()).isTrue();
        assertThat(driver().findElement(By.cssSelector("tr[data-tracker='shop.search'] .fathomable-meta")).getText())
                .contains("On hold");
        browser.screenshot("overview");

        WebElement search = driver().findElement(By.cssSelector("form[name=filter] input[name=q]"));
        search.sendKeys("cart");
        browser.clickAndWait(driver().findElement(By.cssSelector("form[name=filter] button[type=submit]")));
        assertThat(rows()).containsExactly("shop.cart");
        browser.open(GROUP.jenkins().url().resolve("manage/fathomable/?state=failed"));
        assertThat(rows()).containsExactly("shop.checkout");
        browser.open(GROUP.jenkins().url().resolve("manage/fathomable/?state=approval"));
        assertThat(rows()).containsExactly("shop.cart");
        browser.screenshot("overview-waiting-for-approval");
        browser.open(GROUP.jenkins().url().resolve("manage/fathomable/?group=ops"));
        assertThat(rows()).containsExactly("ops.legacy");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private static List<String> rows() {
        return driver().findElements(By.cssSelector("#fathomable-overview tbody tr")).stream()
                .map(r -> r.getDomAttribute("data-tracker")).toList();
    }

    @Test
    @Order(9)
    void anOperationTheStateDoesNotAllowIsRefusedWithTheReason() {
        JenkinsClient admin = GROUP.session(JenkinsUser.ADMIN);
        JenkinsClient.Response r = admin.postFormWithCrumb("manage/fathomable/tracker/shop.payments/approve",
                Map.of("release", "1", "environment", "prod"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.html().getElementById("fathomable-refused").text())
                .startsWith("Could not approve release 1 for prod: release 1 is COMPLETED prod");
        assertThat(admin.postFormWithCrumb("manage/fathomable/tracker/shop.payments/rollback",
                Map.of("environment", "nowhere")).status()).isEqualTo(400);
        assertThat(admin.postForm("manage/fathomable/tracker/shop.payments/hold", Map.of()).status())
                .as("no crumb").isEqualTo(403);
        assertThat(admin.get("manage/fathomable/tracker/shop.payments/hold").status()).as("GET").isEqualTo(405);
        assertThat(admin.get("manage/fathomable/tracker/no.such/").status()).isEqualTo(404);
    }

    @Test
    @Order(10)
    void theOperationsAreAlsoTakenAtTheOverviewsAddressNamingTheTracker() {
        JenkinsClient admin = GROUP.session(JenkinsUser.ADMIN);
        assertThat(admin.postFormWithCrumb("manage/fathomable/hold", Map.of("tracker", "shop.payments", "hold", "true"))
                .status()).isEqualTo(302);
        assertThat(GROUP.admin().get("trackers/shop.payments").json().path("releases").path("onHold").asBoolean())
                .isTrue();
        assertThat(admin.postFormWithCrumb("manage/fathomable/hold", Map.of("tracker", "shop.payments", "hold", "false"))
                .status()).isEqualTo(302);
        assertThat(GROUP.admin().get("trackers/shop.payments").json().path("releases").path("onHold").asBoolean())
                .isFalse();
        assertThat(admin.postFormWithCrumb("manage/fathomable/approve", Map.of("tracker", "shop.payments",
                "release", "1", "environment", "prod")).status()).as("refused, as on the tracker's page").isEqualTo(409);
        assertThat(admin.postFormWithCrumb("manage/fathomable/rollback", Map.of("tracker", "no.such",
                "environment", "prod")).status()).isEqualTo(404);
        assertThat(GROUP.session(JenkinsUser.READER).postFormWithCrumb("manage/fathomable/hold",
                Map.of("tracker", "shop.payments", "hold", "true")).status()).isIn(403, 404);
    }

    @Test
    @Order(11)
    void withoutSystemReadThereIsNoPageAndNoOperation() {
        JenkinsClient reader = GROUP.session(JenkinsUser.READER);
        assertThat(reader.get("manage/fathomable/").status()).isIn(403, 404);
        assertThat(reader.get("manage/fathomable/tracker/shop.cart/").status()).isIn(403, 404);
        assertThat(reader.postFormWithCrumb("manage/fathomable/tracker/shop.cart/hold", Map.of()).status())
                .isIn(403, 404);
        assertThat(reader.postFormWithCrumb("manage/fathomable/pollNow", Map.of()).status()).isIn(403, 404);
        assertThat(GROUP.anonymous().get("manage/fathomable/tracker/shop.cart/").status()).isIn(401, 403);
    }

    @Test
    @Order(12)
    void everyScreenshotIsAnImage() throws IOException {
        Path dir = GROUP.jenkins().workDir().resolve("screenshots");
        for (String name : List.of("global-configuration", "global-configuration-fathomable-section",
                "overview-before-poll", "overview", "overview-waiting-for-approval", "tracker-waiting-for-approval",
                "tracker-confirm-approve",
                "tracker-deployed", "tracker-held", "tracker-failed", "tracker-pending-config")) {
            byte[] png = Files.readAllBytes(dir.resolve(name + ".png"));
            assertThat(png).as(name).hasSizeGreaterThan(5_000);
            assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).as(name).isEqualTo("PNG");
        }
    }
}
