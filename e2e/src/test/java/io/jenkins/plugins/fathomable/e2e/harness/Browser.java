package io.jenkins.plugins.fathomable.e2e.harness;

import io.jenkins.plugins.fathomable.core.testing.Chromium;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.openqa.selenium.By;
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
