package io.jenkins.plugins.fathomable.e2e.config;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.fathomable.e2e.harness.Browser;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsClient;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsGroup;
import io.jenkins.plugins.fathomable.e2e.harness.JenkinsUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
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
 * Manage Jenkins » System: the Fathomable section renders every field its views declare (with help); the form,
 * submitted by a real browser as an admin does it (crumb included), saves; a bad value is refused with its field
 * named and nothing saved; a POST without the crumb is refused; the saved values survive a restart; form validation
 * answers only POST and only Overall/Administer.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GlobalConfigurationIT {

    static final Path CONFIG_XML = Path.of("io.jenkins.plugins.fathomable.config.FathomableConfiguration.xml");
    static final String GITHUB_TOKEN = "ghp_e2eConfigPageToken9c2d7e1f3a";

    @RegisterExtension
    @Order(1)
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .resetOnEachTest(false).build();

    @RegisterExtension
    @Order(2)
    static final JenkinsGroup GROUP = JenkinsGroup.of("global-configuration", b -> JenkinsGroup.secured(b)
            .cascResource("/casc/fathomable.yaml")
            .env("GITHUB_TOKEN", GITHUB_TOKEN).env("GITHUB_API_URL", GITHUB.baseUrl()));

    private static Browser browser;
    /** The validation URLs the page's fields use (from the first test). */
    private static final List<String> PAGE_CHECK_URLS = new ArrayList<>();

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static Browser browser() throws Exception {
        if (browser == null) {
            browser = Browser.start(GROUP.jenkins());
            browser.login(GROUP.jenkins().url(), JenkinsUser.ADMIN);
        }
        return browser;
    }

    @Test
    @Order(1)
    void theSectionRendersEveryDeclaredFieldWithItsHelp() throws Exception {
        JenkinsClient admin = GROUP.session(JenkinsUser.ADMIN);
        JenkinsClient.Response page = admin.get("manage/configure");
        assertThat(page.status()).isEqualTo(200);
        Element section = ConfigPage.section(page.html());
        assertThat(section.selectFirst(".jenkins-section__title").text()).isEqualTo("Fathomable");

        List<String> lists = List.of("trackers", "environments", "registries");
        for (String field : ConfigPage.declaredFields("FathomableConfiguration")) {
            if (lists.contains(field)) {
                assertThat(section.select("div.repeated-chunk[name=" + field + "]")).as("rows of %s", field).isNotEmpty();
            } else {
                assertThat(section.select("[name=_." + field + "]")).as("control for %s", field).hasSize(1);
            }
        }
        Map<String, String> entryClasses = Map.of("trackers", "TrackerConfig", "environments", "EnvironmentEntry",
                "registries", "RegistryEntry");
        for (Map.Entry<String, String> list : entryClasses.entrySet()) {
            List<Element> rows = ConfigPage.rows(section, list.getKey());
            assertThat(rows).as("configured %s", list.getKey()).isNotEmpty();
            for (String field : ConfigPage.declaredFields(list.getValue())) {
                assertThat(rows.get(0).select("[name=_." + field + "]")).as("%s: control for %s", list.getKey(), field).hasSize(1);
            }
        }
        // the values Configuration as Code set are shown
        assertThat(ConfigPage.value(section, "pollIntervalMinutes")).isEqualTo("5");
        assertThat(ConfigPage.value(section, "githubApiUrl")).isEqualTo(GITHUB.baseUrl());
        Element tracker = ConfigPage.rows(section, "trackers").get(0);
        assertThat(ConfigPage.value(tracker, "id")).isEqualTo("payments.api");
        assertThat(ConfigPage.value(tracker, "branch")).isEqualTo("main");
        assertThat(ConfigPage.value(tracker, "credentialsId")).isEqualTo("github-token");
        Element prod = ConfigPage.rows(section, "environments").get(1);
        assertThat(ConfigPage.value(prod, "name")).isEqualTo("prod");
        assertThat(ConfigPage.value(prod, "approvalRequired")).isEqualTo("true");

        section.select("[checkUrl]").eachAttr("checkUrl").stream().map(u -> u.replaceFirst("^/manage/", ""))
                .distinct().forEach(PAGE_CHECK_URLS::add);

        // every help link answers with text
        List<String> helpUrls = section.select("a.jenkins-help-button[helpURL]").eachAttr("helpURL").stream().distinct().toList();
        int declared = ConfigPage.declaredFields("FathomableConfiguration").size() + ConfigPage.declaredFields("TrackerConfig").size()
                + ConfigPage.declaredFields("EnvironmentEntry").size() + ConfigPage.declaredFields("RegistryEntry").size();
        assertThat(helpUrls).as("one help link per declared field").hasSize(declared);
        for (String url : helpUrls) {
            JenkinsClient.Response help = admin.get(url.substring(1));
            assertThat(help.status()).as(url).isEqualTo(200);
            assertThat(help.html().text()).as(url).hasSizeGreaterThan(20);
        }
    }

    @Test
    @Order(2)
    void aPostWithoutTheCrumbIsRefused() throws Exception {
        String before = Files.readString(GROUP.jenkins().home().resolve(CONFIG_XML));
        JenkinsClient.Response r = GROUP.session(JenkinsUser.ADMIN).postForm("manage/configSubmit",
                Map.of("json", "{\"io-jenkins-plugins-fathomable-config-FathomableConfiguration\":{\"pollIntervalMinutes\":\"9\"}}"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.text()).contains("No valid crumb");
        assertThat(Files.readString(GROUP.jenkins().home().resolve(CONFIG_XML))).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aBadValueIsRefusedNamingItsFieldAndNothingIsSaved() throws Exception {
        String before = Files.readString(GROUP.jenkins().home().resolve(CONFIG_XML));
        Browser b = browser();
        b.open(GROUP.jenkins().url().resolve("manage/configure"));
        WebElement section = section(b.driver());
        type(section.findElement(By.name("_.pollIntervalMinutes")), "8");
        WebElement dev = section.findElements(By.cssSelector("div.repeated-chunk[name=environments]:not(.to-be-removed)")).get(0);
        type(dev.findElement(By.name("_.namespace")), "Shop_Dev");
        save(b);
        String error = b.driver().findElement(By.id("main-panel")).getText();
        assertThat(error).contains("environments[0].namespace");
        assertThat(Files.readString(GROUP.jenkins().home().resolve(CONFIG_XML))).as("nothing saved").isEqualTo(before);
        // the refusal itself is a 400 page; anything else in the console is an error of the page
        assertThat(b.consoleErrors()).allMatch(e -> e.contains("configSubmit - Failed to load resource: the server responded with a status of 400"));
    }

    @Test
    @Order(4)
    void submittingTheFormSavesTheChangedValuesAndKeepsTheOthers() throws Exception {
        Browser b = browser();
        b.open(GROUP.jenkins().url().resolve("manage/configure"));
        WebElement section = section(b.driver());
        type(section.findElement(By.name("_.pollIntervalMinutes")), "7");
        WebElement tracker = section.findElements(By.cssSelector("div.repeated-chunk[name=trackers]:not(.to-be-removed)")).get(0);
        b.click(tracker.findElement(By.cssSelector("button.advanced-button")));
        type(tracker.findElement(By.name("_.branch")), "release-2");
        WebElement dev = section.findElements(By.cssSelector("div.repeated-chunk[name=environments]:not(.to-be-removed)")).get(0);
        type(dev.findElement(By.name("_.namespace")), "shop-dev-2");
        // a second tracker, added with the list's Add button as an admin would
        List<WebElement> addButtons = section.findElements(By.cssSelector("button.repeatable-add"));
        b.click(addButtons.get(0));
        List<WebElement> trackers = section.findElements(By.cssSelector("div.repeated-chunk[name=trackers]:not(.to-be-removed)"));
        assertThat(trackers).hasSize(2);
        type(trackers.get(1).findElement(By.name("_.id")), "shop.web");
        type(trackers.get(1).findElement(By.name("_.repo")), "acme/shop-web");
        b.screenshot("global-configuration-before-save");
        save(b);
        assertThat(b.driver().getCurrentUrl()).as("redirected after saving").doesNotContain("configure");

        String xml = Files.readString(GROUP.jenkins().home().resolve(CONFIG_XML));
        assertThat(xml).contains("<pollIntervalMinutes>7</pollIntervalMinutes>", "<branch>release-2</branch>",
                "<namespace>shop-dev-2</namespace>", "<id>shop.web</id>", "<repo>acme/shop-web</repo>",
                "<sourcePath>fathomable.yaml</sourcePath>",
                // kept as they were
                "<id>payments.api</id>", "<credentialsId>github-token</credentialsId>", "<githubApiUrl>" + GITHUB.baseUrl(),
                "<host>ghcr.io</host>", "<maxConcurrent>2</maxConcurrent>", "<approvalRequired>true</approvalRequired>",
                "<soakMinutes>60</soakMinutes>");
        assertThat(xml).doesNotContain("<branch>main</branch>");
        // other sections of the same form were kept too
        assertThat(Files.readString(GROUP.jenkins().home().resolve("jenkins.model.JenkinsLocationConfiguration.xml")))
                .contains(GROUP.jenkins().url().toString());
        assertThat(b.consoleErrors()).as("JavaScript console").isEmpty();
    }

    @Test
    @Order(5)
    void theSavedValuesSurviveARestart() throws Exception {
        String xml = Files.readString(GROUP.jenkins().home().resolve(CONFIG_XML));
        if (browser != null) {
            browser.close();
            browser = null;
        }
        // Configuration as Code would apply its file again at boot and reset the page's values: an admin who
        // changes settings on the page does not keep a file for them
        GROUP.jenkins().dropCasc("fathomable.yaml");
        GROUP.jenkins().restart();
        assertThat(Files.readString(GROUP.jenkins().home().resolve(CONFIG_XML))).isEqualTo(xml);
        Element section = ConfigPage.section(GROUP.session(JenkinsUser.ADMIN).get("manage/configure").html());
        assertThat(ConfigPage.value(section, "pollIntervalMinutes")).isEqualTo("7");
        List<Element> trackers = ConfigPage.rows(section, "trackers");
        assertThat(trackers).extracting(t -> ConfigPage.value(t, "id")).containsExactly("payments.api", "shop.web");
        assertThat(ConfigPage.value(trackers.get(0), "branch")).isEqualTo("release-2");
        assertThat(ConfigPage.value(ConfigPage.rows(section, "environments").get(0), "namespace")).isEqualTo("shop-dev-2");
        // and the engine uses them: the REST API lists both trackers once a poll copied them (a GET builds the engine)
        JenkinsClient.Response list = GROUP.admin().get("trackers/");
        assertThat(list.status()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void formValidationAnswersOnlyPostAndOnlyAdminister() {
        assertThat(PAGE_CHECK_URLS).as("validated fields on the page").hasSizeGreaterThan(5);
        JenkinsClient admin = GROUP.admin();
        JenkinsClient reader = GROUP.reader();
        JenkinsClient anonymous = GROUP.anonymous();
        String out = admin.groovy("""
                jenkins.model.Jenkins.get().getExtensionList(hudson.model.Descriptor)
                    .findAll { it.getClass().name.startsWith('io.jenkins.plugins.fathomable.') }
                    .each { d -> d.getClass().methods.findAll { it.name.startsWith('doCheck') }
                        .each { m -> println "CHECK ${d.id} ${m.name}" } }
                """);
        List<String> urls = new ArrayList<>();
        out.lines().filter(l -> l.startsWith("CHECK ")).forEach(l -> {
            String[] p = l.split(" ");
            String method = p[2].substring(2);
            urls.add("descriptorByName/" + p[1] + "/" + Character.toLowerCase(method.charAt(0)) + method.substring(1));
        });
        assertThat(urls).as("form validation methods").containsAll(PAGE_CHECK_URLS)
                .contains("descriptorByName/io.jenkins.plugins.fathomable.config.FathomableConfiguration/checkGithubApiUrl",
                        "descriptorByName/io.jenkins.plugins.fathomable.config.TrackerConfig/checkRepo");
        List<String> problems = new ArrayList<>();
        for (String url : urls) {
            String query = url + "?value=x";
            JenkinsClient.Response get = admin.get(query);
            if (get.status() == 200) {
                problems.add("GET " + url + " answered 200: " + get.abbreviated());
            }
            int post = admin.send("POST", query, Map.of(), new byte[0]).status();
            if (post != 200) {
                problems.add("POST " + url + " as admin: " + post);
            }
            int asReader = reader.send("POST", query, Map.of(), new byte[0]).status();
            if (asReader != 403) {
                problems.add("POST " + url + " with Overall/Read only: " + asReader);
            }
            int asAnonymous = anonymous.send("POST", query, Map.of(), new byte[0]).status();
            if (asAnonymous != 403 && asAnonymous != 401) {
                problems.add("POST " + url + " anonymously: " + asAnonymous);
            }
        }
        assertThat(problems).isEmpty();

        // what the checks say, on the real page's URLs
        String config = "descriptorByName/io.jenkins.plugins.fathomable.config.FathomableConfiguration/";
        assertThat(admin.send("POST", config + "checkPollIntervalMinutes?value=0", Map.of(), new byte[0]).text())
                .contains("error");
        assertThat(admin.send("POST", config + "checkGithubApiUrl?value=http://127.0.0.1:8089", Map.of(), new byte[0]).text())
                .doesNotContain("error");
        assertThat(admin.send("POST", config + "checkGithubApiUrl?value=http://github.example.com/api/v3", Map.of(), new byte[0])
                .text()).contains("error").contains("https://");
    }

    private static WebElement section(WebDriver driver) {
        return driver.findElement(By.xpath("//div[@name='" + ConfigPage.SECTION_MARKER + "']/following-sibling::section[1]"));
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private static void save(Browser b) {
        String before = b.driver().getCurrentUrl();
        b.driver().findElement(By.cssSelector("#bottom-sticker button[name=Submit]")).click();
        new WebDriverWait(b.driver(), Duration.ofSeconds(60)).until(d -> !d.getCurrentUrl().equals(before));
        b.awaitLoaded();
    }
}
