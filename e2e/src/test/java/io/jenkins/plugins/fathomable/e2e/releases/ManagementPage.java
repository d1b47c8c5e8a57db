package io.jenkins.plugins.fathomable.e2e.releases;

import io.jenkins.plugins.fathomable.e2e.harness.Browser;
import io.jenkins.plugins.fathomable.e2e.harness.RealJenkins;
import java.io.IOException;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Manage Jenkins » Fathomable in the browser, as an administrator uses it: one row per environment of a tracker, with
 * its Approve, Reject and Roll back forms, and the tracker's Hold / Release hold form. Each action is the page's own
 * form, submitted by a click (a POST with the crumb, as the page makes it).
 */
final class ManagementPage {

    private final Browser browser;
    private final RealJenkins jenkins;

    ManagementPage(Browser browser, RealJenkins jenkins) {
        this.browser = browser;
        this.jenkins = jenkins;
    }

    ManagementPage open() {
        browser.open(jenkins.url().resolve("manage/fathomable/"));
        return this;
    }

    /** The visible text of environment {@code env}'s row; empty if the page has none. */
    String row(String env) {
        return browser.driver().findElements(rowOf(env)).stream().map(WebElement::getText).findFirst().orElse("");
    }

    /** The page's main panel text. */
    String text() {
        return browser.driver().findElement(By.id("main-panel")).getText();
    }

    /** Clicks the button of form {@code form} ({@code approve}, {@code reject}, {@code rollback}) in {@code env}'s row. */
    void click(String env, String form) {
        browser.clickAndWait(browser.driver().findElement(By.xpath(xpath(rowOf(env)) + "//form[@name='" + form
                + "']//button")));
    }

    /** Clicks Hold, or Release hold (the same form). */
    void toggleHold() {
        browser.clickAndWait(browser.driver().findElement(By.cssSelector("form[name=hold] button")));
    }

    void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    List<String> consoleErrors() {
        return browser.consoleErrors();
    }

    private static By rowOf(String env) {
        return By.xpath("//tr[td[1][normalize-space(.)='" + env + "']]");
    }

    private static String xpath(By by) {
        return by.toString().substring("By.xpath: ".length());
    }
}
