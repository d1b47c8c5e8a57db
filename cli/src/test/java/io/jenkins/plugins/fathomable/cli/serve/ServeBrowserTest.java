package io.jenkins.plugins.fathomable.cli.serve;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.Chromium;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code serve}'s pages in Debian's headless Chromium over real HTTP, with trackers deployed, waiting for approval,
 * failed and held: read-only first ({@code --open-reads}), then signed in with the admin token, approving a release
 * into prod and polling through the pages' own forms, in light and dark. Screenshots under
 * {@code target/serve-browser/screenshots/}; any error in the JavaScript console (a script error, a resource that did
 * not load, a violation of the pages' Content Security Policy) fails the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeBrowserTest {

    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.anonymous();

    @RegisterExtension
    static final WireMockExtension WM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    static final Path DIR = Path.of("target", "serve-browser").toAbsolutePath();
    static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());

    private static DashboardScene scene;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(DIR);
        Path state = Files.createTempDirectory("serve-browser-state");
        scene = new DashboardScene(state, new GitHubFixture(WM, Instant.now().plus(Duration.ofHours(1))), REGISTRY,
                true, LOG);
        scene.everyState();
        browser = Chromium.start(DIR);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (scene != null) {
            scene.close();
        }
    }

    private static WebDriver driver() {
        return browser.driver();
    }

    private static void open(String path) {
        browser.open(scene.uri(path));
    }

    private static String state(String tracker, String env) {
        return driver().findElement(By.cssSelector("tr[data-tracker='" + tracker + "'] td[data-environment='" + env + "']"))
                .getDomAttribute("data-state");
    }

    private static void noConsoleErrors(String page) {
        assertThat(browser.consoleErrors()).as("JavaScript console on " + page).isEmpty();
    }

    /** Both themes of the page now open: NAME.png (light) and NAME-dark.png. */
    private static void screenshots(String name) throws Exception {
        browser.screenshot(name);
        browser.colorScheme("dark");
        browser.screenshot(name + "-dark");
        browser.colorScheme("light");
    }

    @Test
    @Order(1)
    void readersSeeEveryStateAndNoOperation() throws Exception {
        open("/");
        assertThat(driver().getCurrentUrl()).endsWith("/ui/");
        assertThat(driver().findElement(By.tagName("h1")).getText()).isEqualTo("Fathomable");
        assertThat(state("shop.payments", "prod")).isEqualTo("waiting");
        assertThat(state("shop.checkout", "dev")).isEqualTo("failed");
        assertThat(state("shop.search", "prod")).isEqualTo("held");
        assertThat(driver().findElements(By.cssSelector("form[method=post]"))).isEmpty();
        browser.screenshot("serve-overview-read-only");
        noConsoleErrors("the overview, read-only");
    }

    @Test
    @Order(2)
    void theAdminSignsInWithTheToken() throws Exception {
        browser.click(driver().findElement(By.linkText("Sign in")));
        browser.awaitLoaded();
        driver().findElement(By.name("token")).sendKeys(DashboardScene.ADMIN_TOKEN);
        browser.screenshot("serve-login");
        browser.clickAndWait(driver().findElement(By.cssSelector("form[name=login] button")));
        assertThat(driver().getCurrentUrl()).as("after signing in; serve said: %s", LOG).endsWith("/ui/");
        assertThat(driver().findElement(By.cssSelector(".fa-who")).getText()).contains("Admin", "Sign out");
        assertThat(driver().findElements(By.cssSelector("form[name=pollNow]"))).hasSize(1);
        screenshots("serve-overview");
        noConsoleErrors("the overview");
    }

    @Test
    @Order(3)
    void approvingThroughTheTrackerPageDeploysToProd() throws Exception {
        open("/ui/trackers/shop.payments");
        assertThat(driver().findElements(By.cssSelector("#fathomable-flow > li")).stream()
                .map(li -> li.getDomAttribute("data-environment")).toList())
                .containsExactlyElementsOf(DashboardScene.ENVIRONMENTS);
        screenshots("serve-tracker-waiting");
        WebElement page = driver().findElement(By.tagName("html"));
        browser.click(driver().findElement(By.cssSelector("li[data-environment='prod'] form[name=approve] button")));
        var alert = new WebDriverWait(driver(), Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        assertThat(alert.getText()).contains("Approve release 1 for prod?");
        alert.accept();
        browser.awaitNextPage(page);
        scene.await("shop.payments", "deployed in prod", DashboardScene.deployed("prod", 1));
        open("/ui/trackers/shop.payments");
        assertThat(driver().findElement(By.cssSelector("li[data-environment='prod']")).getDomAttribute("data-state"))
                .isEqualTo("deployed");
        assertThat(driver().findElement(By.cssSelector("table.fa-history")).getText()).contains("admin", "approved");
        screenshots("serve-tracker-deployed");
        noConsoleErrors("the tracker page");
    }

    @Test
    @Order(4)
    void failedAndHeldTrackersSayWhy() throws Exception {
        open("/ui/trackers/shop.checkout");
        WebElement dev = driver().findElement(By.cssSelector("li[data-environment='dev']"));
        assertThat(dev.getDomAttribute("data-state")).isEqualTo("failed");
        assertThat(dev.findElements(By.cssSelector("form[name=retry]"))).hasSize(1);
        assertThat(dev.findElement(By.cssSelector(".fa-reasons")).getText()).isNotBlank();
        screenshots("serve-tracker-failed");
        open("/ui/trackers/shop.search");
        assertThat(driver().findElement(By.cssSelector("li[data-environment='prod']")).getDomAttribute("data-state"))
                .isEqualTo("held");
        assertThat(driver().findElements(By.cssSelector("form[name=unhold]"))).hasSize(1);
        browser.screenshot("serve-tracker-held");
        noConsoleErrors("the failed and held trackers");
    }

    @Test
    @Order(5)
    void aPollThroughThePageShowsThePendingConfigAndItsRenderedDiff() throws Exception {
        scene.publish("cart", "serve-cart-2", 5);
        open("/ui/");
        browser.clickAndWait(driver().findElement(By.cssSelector("form[name=pollNow] button")));
        new WebDriverWait(driver(), Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(500)).until(d -> {
            open("/ui/trackers/shop.cart");
            return !d.findElements(By.id("pending")).isEmpty();
        });
        assertThat(driver().findElement(By.cssSelector(".fa-diff")).getText()).contains("-  replicas: 2", "+  replicas: 5");
        WebElement prod = driver().findElements(By.cssSelector("details.fa-details")).stream()
                .filter(d -> d.getText().contains("What it changes in prod")).findFirst().orElseThrow();
        browser.click(prod.findElement(By.tagName("summary")));
        assertThat(prod.getText()).contains("+  replicas: 5");
        screenshots("serve-tracker-pending");
        open("/ui/");
        assertThat(driver().findElements(By.cssSelector("tr[data-tracker='shop.cart'] .fa-badge--pending"))).hasSize(1);
        screenshots("serve-overview-after-approval");
        noConsoleErrors("the pending change");
    }

    @Test
    @Order(6)
    void everyScreenshotIsAnImage() throws Exception {
        for (String name : List.of("serve-overview-read-only", "serve-login", "serve-overview", "serve-overview-dark",
                "serve-tracker-waiting", "serve-tracker-deployed", "serve-tracker-failed", "serve-tracker-held",
                "serve-tracker-pending", "serve-tracker-pending-dark", "serve-overview-after-approval")) {
            byte[] png = Files.readAllBytes(browser.screenshots().resolve(name + ".png"));
            assertThat(png).as(name).hasSizeGreaterThan(5_000);
            assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).as(name).isEqualTo("PNG");
        }
        assertThat(browser.backgroundRequests()).as("nothing the pages load leaves the machine").allSatisfy(r ->
                assertThat(r).doesNotContain("GET http"));
    }
}
