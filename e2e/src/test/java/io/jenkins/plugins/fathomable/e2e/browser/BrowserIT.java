package io.jenkins.plugins.fathomable.e2e.browser;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.core.source.registry.ImagePusher;
import io.jenkins.plugins.fathomable.core.source.registry.RegistryServer;
import io.jenkins.plugins.fathomable.core.testing.GitHubFixture;
import io.jenkins.plugins.fathomable.core.testing.GitHubGraphQl;
import io.jenkins.plugins.fathomable.e2e.harness.Browser;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsGroup;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsUser;
import io.jenkins.plugins.fathomable.e2e.harness.RealJenkins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a browser: the global configuration page and the management page (Manage Jenkins » Fathomable) in Debian's
 * headless Chromium, as an administrator: screenshots under {@code target/e2e/browser/screenshots/}, and no error
 * in the JavaScript console. On the management page the admin polls (Poll now) and holds and releases the tracker
 * through the page's own forms.
 */
@Order(5)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

    static final String GITHUB_TOKEN = "ghp_e2eBrowserToken3d5f7a9b1c";

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
                        environments:
                          - name: dev
                            order: 10
                            namespace: shop-dev
                            inCluster: true
                            approvalRequired: true
                          - name: prod
                            order: 20
                            namespace: shop-prod
                            serverUrl: https://prod-kube.example.com:6443
                            credentialsId: github-token
                            approvalRequired: true
                            soakMinutes: 1440
                            windowCron: "0 9 * * 1-4"
                            windowTimeZone: Europe/Berlin
                            windowMinutes: 360
                        registries:
                          - host: "%s"
                            maxConcurrent: 2
                        trackers:
                          - id: payments.api
                            repo: acme/payments-api
                            sourcePath: deploy/fathomable.yaml
                            branch: main
                            credentialsId: github-token
                    """.formatted(GITHUB.baseUrl(), REGISTRY.host(), REGISTRY.host())));

    private static Browser browser;
    private static ImagePusher.Pushed image;

    /** The image and the repository exist before Jenkins starts, so its first periodic poll finds them too. */
    static RealJenkins.Builder standIns(RealJenkins.Builder b) {
        try {
            pushAndPublish();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return b;
    }

    private static void pushAndPublish() throws Exception {
        image = REGISTRY.pusher().image("acme/payments-api", "1.4.2");
        GitHubFixture github = new GitHubFixture(GITHUB, Instant.now().plus(Duration.ofHours(1)), GRAPHQL);
        github.repository("acme/payments-api", "main");
        String sha = GitHubFixture.sha("browser-main");
        github.commit("acme/payments-api", "heads/main", sha);
        github.file("acme/payments-api", "deploy/fathomable.yaml", sha, """
                apiVersion: fathomable.io/v1
                kind: Application
                metadata:
                  name: payments-api
                spec:
                  pattern: web-service
                  replicas: 2
                  image:
                    repository: %s/acme/payments-api
                    tag: "1.4.2"
                  ports:
                    - name: http
                      port: 8080
                """.formatted(REGISTRY.host()));
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start(GROUP.jenkins());
        browser.login(GROUP.jenkins().url(), JenkinsUser.ADMIN);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void theGlobalConfigurationPageLoadsWithoutErrors() throws Exception {
        browser.open(GROUP.jenkins().url().resolve("manage/configure"));
        WebElement section = browser.driver().findElement(By.xpath(
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
    void theManagementPageShowsTheTrackerAfterAPollAndItsFormsWork() throws Exception {
        browser.open(GROUP.jenkins().url().resolve("manage/fathomable/"));
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Fathomable");
        browser.screenshot("management-page-before-poll");

        browser.clickAndWait(browser.driver().findElement(By.cssSelector("form[name=pollNow] button")));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(120)).pollingEvery(Duration.ofSeconds(2)).until(d -> {
            d.navigate().refresh();
            String text = d.findElement(By.id("main-panel")).getText();
            return text.contains("payments.api") && text.contains(image.digest());
        });
        browser.awaitLoaded();
        String page = browser.driver().findElement(By.id("main-panel")).getText();
        assertThat(page).contains("payments.api", "OK", image.digest(), "dev", "prod", "Approve");
        browser.screenshot("management-page");

        assertThat(page).doesNotContain("on hold");
        browser.clickAndWait(browser.driver().findElement(By.cssSelector("form[name=hold] button")));
        assertThat(browser.driver().findElement(By.id("main-panel")).getText()).contains("OK (on hold)", "Release hold");
        browser.screenshot("management-page-held");
        browser.clickAndWait(browser.driver().findElement(By.cssSelector("form[name=hold] button")));
        assertThat(browser.driver().findElement(By.id("main-panel")).getText()).doesNotContain("on hold");
        assertThat(browser.consoleErrors()).as("JavaScript console on Manage Jenkins » Fathomable").isEmpty();
    }

    @Test
    @Order(3)
    void everyScreenshotIsAnImage() throws IOException {
        Path dir = GROUP.jenkins().workDir().resolve("screenshots");
        for (String name : List.of("global-configuration", "global-configuration-fathomable-section",
                "management-page-before-poll", "management-page", "management-page-held")) {
            byte[] png = Files.readAllBytes(dir.resolve(name + ".png"));
            assertThat(png).as(name).hasSizeGreaterThan(5_000);
            assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).as(name).isEqualTo("PNG");
        }
    }
}
