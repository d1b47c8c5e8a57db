package io.jenkins.plugins.fathomable.core.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (Selenium's WebDriver client; both binaries are
 * given explicitly, so Selenium never looks for or downloads a driver), for the tests that look at pages: the
 * end-to-end suite's Jenkins pages and {@code serve}'s pages. One fresh profile per browser; full-page screenshots;
 * the JavaScript console's {@code SEVERE} entries (script errors, resources that failed to load, Content Security
 * Policy violations) for tests to fail on. {@code ./test} installs {@code chromium} and {@code chromium-driver}.
 *
 * <p>The browser's proxy is a refusing socket of its own (loopback addresses bypass it): nothing the browser asks for
 * leaves the machine. Chromium's own background services, which the flags below mostly silence, are refused there
 * and listed in {@code browser-background-requests.txt}; a page resource from off the machine fails to load, which
 * the console reports as an error.
 */
public class Chromium implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("e2e.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver");

    /** Selenium looks for DevTools bindings matching the browser and warns when it has none; no test uses them. */
    private static final java.util.logging.Logger CDP_VERSION_FINDER =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.OFF);
    }

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path screenshots;
    private final List<String> consoleErrors = new ArrayList<>();
    private final RefusingProxy proxy;
    private final Path dir;

    /**
     * Starts Chromium with a fresh profile under {@code dir}; screenshots go to {@code dir/screenshots/}, the
     * driver's log to {@code dir/chromedriver.log}.
     */
    protected Chromium(Path dir) throws IOException {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: apt-get install -y chromium chromium-driver (./test does)");
            }
        }
        this.dir = dir;
        this.proxy = new RefusingProxy();
        Path profile = dir.resolve("chromium-profile");
        deleteTree(profile);
        Files.createDirectories(profile);
        this.screenshots = Files.createDirectories(dir.resolve("screenshots"));
        this.service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=en-US", "--user-data-dir=" + profile,
                "--proxy-server=http://" + proxy.address(), "--no-default-browser-check", "--no-pings",
                "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
                "--disable-client-side-phishing-detection", "--dns-prefetch-disable", "--password-store=basic",
                "--disable-features=AutofillServerCommunication,OptimizationHints,OptimizationHintsFetching,"
                        + "PasswordLeakDetection,MediaRouter,Translate,NetworkTimeServiceQuerying,PreconnectToSearch");
        options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
                "profile.password_manager_enabled", false, "profile.password_manager_leak_detection", false,
                "autofill.profile_enabled", false, "search.suggest_enabled", false));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        this.driver = new ChromeDriver(service, options);
    }

    /** A browser whose files go to {@code dir}. */
    public static Chromium start(Path dir) throws IOException {
        return new Chromium(dir);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a page and waits until it has loaded. */
    public void open(URI url) {
        collectConsole();
        driver.get(url.toString());
        awaitLoaded();
    }

    public void awaitLoaded() {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d ->
                "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Scrolls the element to the middle of the window (clear of sticky bars) and clicks it. */
    public void click(WebElement element) {
        script("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    /** Clicks something that submits a form or follows a link, and waits until the next page has loaded. */
    public void clickAndWait(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        click(element);
        awaitNextPage(page);
    }

    /** Waits until {@code page} (the {@code html} element of the page before) is replaced and the new one loaded. */
    public void awaitNextPage(WebElement page) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> isGone(page));
        awaitLoaded();
    }

    /**
     * Whether {@code element} has left the document. Besides Selenium's stale reference, Chromium may answer a
     * question about an element of a page being replaced with "Node with given id does not belong to the
     * document", which {@code ExpectedConditions.stalenessOf} does not take for staleness.
     */
    static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Runs JavaScript in the page. */
    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Makes the page see {@code prefers-color-scheme: dark} (or light), as a browser set to that theme would. */
    public void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /**
     * A screenshot of the whole page (the window is stretched to the page's height for it), saved as
     * {@code screenshots/NAME.png}.
     */
    public Path screenshot(String name) throws IOException {
        return screenshot(name, null);
    }

    /** A screenshot of one element (e.g. a page's section), saved as {@code screenshots/NAME.png}. */
    public Path screenshot(String name, WebElement element) throws IOException {
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

    public Path screenshots() {
        return screenshots;
    }

    /** The console's SEVERE entries (JavaScript errors, failed resource loads, CSP violations) since the last call. */
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

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The browser's proxy on 127.0.0.1: answers every request 403 and remembers its request line. */
    private static final class RefusingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final List<String> attempts = new CopyOnWriteArrayList<>();

        RefusingProxy() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::acceptLoop, "browser-refusing-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String address() {
            return "127.0.0.1:" + server.getLocalPort();
        }

        List<String> attempts() {
            return List.copyOf(attempts);
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(5000);
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.ISO_8859_1));
                    String line = in.readLine();
                    attempts.add(LocalTime.now().withNano(0) + " " + (line == null ? "(no request)" : line));
                    String body = "tests allow no traffic off the machine";
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n"
                            + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException e) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
