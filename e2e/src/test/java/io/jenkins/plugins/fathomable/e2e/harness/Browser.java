package io.jenkins.plugins.fathomable.e2e.harness;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (Selenium's WebDriver client; both binaries are
 * given explicitly, so Selenium never looks for or downloads a driver). One fresh profile per browser; full-page
 * screenshots; the JavaScript console's {@code SEVERE} entries for the suite to fail on. {@code ./test} installs
 * {@code chromium} and {@code chromium-driver} when they are missing.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("e2e.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver");

    /** Selenium looks for DevTools bindings matching the browser and warns when it has none; the suite uses none. */
    private static final java.util.logging.Logger CDP_VERSION_FINDER =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.OFF);
    }

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path screenshots;
    private final List<String> consoleErrors = new ArrayList<>();

    private final OutboundGuard proxy;
    private final Path dir;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path screenshots, OutboundGuard proxy, Path dir) {
        this.driver = driver;
        this.service = service;
        this.screenshots = screenshots;
        this.proxy = proxy;
        this.dir = dir;
    }

    /**
     * Starts Chromium for pages of {@code jenkins}, with a fresh profile under its work folder; screenshots go to
     * {@code screenshots/} there. The browser's proxy is an {@link OutboundGuard} of its own (loopback addresses
     * bypass it): nothing the browser asks for leaves the machine. Chromium's own background services (time, updates,
     * autofill, search preconnect), which the flags below mostly silence, are refused there and listed in
     * {@code browser-background-requests.txt}; a page resource from off the machine fails to load, which the
     * console reports as an error.
     */
    public static Browser start(RealJenkins jenkins) throws IOException {
        Path dir = jenkins.workDir();
        OutboundGuard proxy = new OutboundGuard();
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: apt-get install -y chromium chromium-driver (./test does)");
            }
        }
        Path profile = dir.resolve("chromium-profile");
        RealJenkins.deleteTree(profile);
        Files.createDirectories(profile);
        Path screenshots = Files.createDirectories(dir.resolve("screenshots"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=en-US", "--user-data-dir=" + profile,
                "--proxy-server=http://" + proxy.proxyAddress(), "--no-default-browser-check", "--no-pings",
                "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
                "--disable-client-side-phishing-detection", "--dns-prefetch-disable", "--password-store=basic",
                "--disable-features=AutofillServerCommunication,OptimizationHints,OptimizationHintsFetching,"
                        + "PasswordLeakDetection,MediaRouter,Translate,NetworkTimeServiceQuerying,PreconnectToSearch");
        options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
                "profile.password_manager_enabled", false, "profile.password_manager_leak_detection", false,
                "autofill.profile_enabled", false, "search.suggest_enabled", false));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        return new Browser(new ChromeDriver(service, options), service, screenshots, proxy, dir);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Logs in through Jenkins' login form. */
    public void login(URI jenkins, JenkinsUser user) {
        open(jenkins.resolve("login"));
        driver.findElement(By.name("j_username")).sendKeys(user.name());
        driver.findElement(By.name("j_password")).sendKeys(user.password());
        driver.findElement(By.name("Submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> !d.getCurrentUrl().contains("login"));
        if (driver.getCurrentUrl().contains("loginError")) {
            throw new AssertionError("login as " + user.name() + " failed");
        }
    }

    /** Opens a page and waits until it has loaded (document complete, no pending Jenkins behaviours). */
    public void open(URI url) {
        collectConsole();
        driver.get(url.toString());
        awaitLoaded();
    }

    public void awaitLoaded() {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d ->
                "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Scrolls the element to the middle of the window (clear of Jenkins' sticky bars) and clicks it. */
    public void click(org.openqa.selenium.WebElement element) {
        script("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Clicks something that submits a form or follows a link, and waits until the next page has loaded. */
    public void clickAndWait(org.openqa.selenium.WebElement element) {
        org.openqa.selenium.WebElement page = driver.findElement(By.tagName("html"));
        click(element);
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(page));
        awaitLoaded();
    }

    /** Runs JavaScript in the page. */
    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /**
     * A screenshot of the whole page (the window is stretched to the page's height for it), saved as
     * {@code screenshots/NAME.png}.
     */
    public Path screenshot(String name) throws IOException {
        return screenshot(name, null);
    }

    /** A screenshot of one element (e.g. a page's section), saved as {@code screenshots/NAME.png}. */
    public Path screenshot(String name, org.openqa.selenium.WebElement element) throws IOException {
        Dimension before = driver.manage().window().getSize();
        try {
            // stretch the window until the whole page fits (the window's own frame takes some of its height)
            for (int attempt = 0; attempt < 3; attempt++) {
                Number content = (Number) script("return Math.max(document.body.scrollHeight,"
                        + " document.documentElement.scrollHeight, document.body.getBoundingClientRect().bottom + window.scrollY)");
                Number frame = (Number) script("return window.outerHeight - window.innerHeight");
                int wanted = Math.min(content.intValue() + Math.max(frame.intValue(), 0) + 24, 12000);
                Number inner = (Number) script("return window.innerHeight");
                if (inner.intValue() >= content.intValue()) {
                    break;
                }
                driver.manage().window().setSize(new Dimension(before.getWidth(), wanted));
            }
            script("window.scrollTo(0, 0)");
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, element == null ? driver.getScreenshotAs(OutputType.BYTES) : element.getScreenshotAs(OutputType.BYTES));
            return file;
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** The console's SEVERE entries (JavaScript errors, failed resource loads) since the last call. */
    public List<String> consoleErrors() {
        collectConsole();
        List<String> errors = List.copyOf(consoleErrors);
        consoleErrors.clear();
        return errors;
    }

    private void collectConsole() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(driver.getCurrentUrl() + ": " + e.getMessage());
            }
        }
    }

    /** Requests of Chromium's own services, refused by the browser's proxy. */
    public List<String> backgroundRequests() {
        return proxy.attempts();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try {
                proxy.close();
                Files.write(dir.resolve("browser-background-requests.txt"), proxy.attempts());
            } catch (IOException e) {
                // only a report
            }
        }
    }
}
