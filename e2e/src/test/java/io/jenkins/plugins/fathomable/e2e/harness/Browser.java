package io.jenkins.plugins.fathomable.e2e.harness;

import io.jenkins.plugins.fathomable.core.testing.Chromium;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium ({@link Chromium}, core's test harness) for pages of a group's Jenkins: a fresh profile and the
 * screenshots under the group's work folder, plus logging in through Jenkins' login form.
 */
public final class Browser extends Chromium {

    private Browser(java.nio.file.Path dir) throws IOException {
        super(dir);
    }

    /** Starts Chromium for pages of {@code jenkins}; screenshots go to {@code screenshots/} of its work folder. */
    public static Browser start(RealJenkins jenkins) throws IOException {
        return new Browser(jenkins.workDir());
    }

    /**
     * Jenkins' confirmation dialog (a page's {@code dialog.confirm}, e.g. before an operation's form is sent) once it
     * has settled: it scales in (0.25 s, longer on a busy machine), and a click while it moves misses its button.
     * More than one open dialog fails: one click asks once.
     */
    public WebElement awaitDialog() {
        return new WebDriverWait(driver(), Duration.ofSeconds(20)).until(d -> {
            List<WebElement> shown = d.findElements(By.cssSelector("dialog.jenkins-dialog")).stream()
                    .filter(WebElement::isDisplayed).toList();
            if (shown.isEmpty()) {
                return null;
            }
            if (shown.size() > 1) {
                throw new AssertionError(shown.size() + " confirmation dialogs open after one click");
            }
            Object moving = script("return arguments[0].getAnimations({subtree: true})"
                    + ".some(a => a.playState === 'running')", shown.get(0));
            return Boolean.TRUE.equals(moving) ? null : shown.get(0);
        });
    }

    /** Answers the settled confirmation dialog with its OK button and waits for the page the form leads to. */
    public void confirm(WebElement dialog) {
        WebElement page = driver().findElement(By.tagName("html"));
        dialog.findElement(By.cssSelector("button[data-id='ok']")).click();
        awaitNextPage(page);
    }

    /** Clicks an operation's button, answers its confirmation and waits for the next page. */
    public void clickAndConfirm(WebElement button) {
        click(button);
        confirm(awaitDialog());
    }

    /** Logs in through Jenkins' login form. */
    public void login(URI jenkins, JenkinsUser user) {
        open(jenkins.resolve("login"));
        driver().findElement(By.name("j_username")).sendKeys(user.name());
        driver().findElement(By.name("j_password")).sendKeys(user.password());
        driver().findElement(By.name("Submit")).click();
        new WebDriverWait(driver(), Duration.ofSeconds(60)).until(d -> !d.getCurrentUrl().contains("login"));
        if (driver().getCurrentUrl().contains("loginError")) {
            throw new AssertionError("login as " + user.name() + " failed");
        }
    }
}
