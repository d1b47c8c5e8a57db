package io.jenkins.plugins.fathomable.e2e.releases;

import io.jenkins.plugins.fathomable.e2e.harness.Browser;
import io.jenkins.plugins.fathomable.e2e.harness.RealJenkins;
import java.io.IOException;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A tracker's page of the release dashboard (Manage Jenkins » Fathomable » the tracker) in the browser, as an
 * administrator uses it: one stage per environment of the flow, with its Approve, Reject, Retry and Roll back forms,
 * and the tracker's Hold / Release hold form. Each action is the page's own form, submitted by a click and confirmed
 * in Jenkins' dialog (a POST with the crumb, as the page makes it).
 */
final class ManagementPage {

    private final Browser browser;
    private final RealJenkins jenkins;
    private final String tracker;

    ManagementPage(Browser browser, RealJenkins jenkins, String tracker) {
        this.browser = browser;
        this.jenkins = jenkins;
        this.tracker = tracker;
    }

    ManagementPage open() {
        browser.open(jenkins.url().resolve("manage/fathomable/tracker/" + tracker + "/"));
        return this;
    }

    /** The visible text of environment {@code env}'s stage; empty if the page has none. */
    String row(String env) {
        return browser.driver().findElements(stageOf(env)).stream().map(WebElement::getText).findFirst().orElse("");
    }

    /** The page's main panel text. */
    String text() {
        return browser.driver().findElement(By.id("main-panel")).getText();
    }

    /** Clicks the button of form {@code form} ({@code approve}, {@code reject}, {@code rollback}) in {@code env}'s stage. */
    void click(String env, String form) {
        WebElement stage = browser.driver().findElement(stageOf(env));
        browser.clickAndConfirm(stage.findElement(By.cssSelector("form[name='" + form + "'] button")));
    }

    /** Clicks Hold, or Release hold when the tracker is on hold. */
    void toggleHold() {
        browser.clickAndConfirm(browser.driver().findElement(By.cssSelector(
                "form[name=hold] button, form[name=unhold] button")));
    }

    void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    List<String> consoleErrors() {
        return browser.consoleErrors();
    }

    private static By stageOf(String env) {
        return By.cssSelector("#fathomable-flow > li[data-environment='" + env + "']");
    }
}
