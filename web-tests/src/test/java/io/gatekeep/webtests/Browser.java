package io.gatekeep.webtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by the Debian chromedriver (nothing is downloaded), one per test class, in
 * front of the {@link GatekeepStack}. A failing test leaves a screenshot and the page's HTML in
 * {@code target/browser-failures/}. Without Chromium the tests fail and say how to install it: they never skip.
 *
 * <p>The page's clock can be moved like the API's: {@link #advanceClock} moves {@code Date} in the page (installed
 * before any page script runs), so countdowns and timeouts are tested without waiting.
 */
final class Browser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, TestWatcher {

    private static final Path FAILURES = Path.of("target", "browser-failures");
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    /** A page-side Date whose "now" runs ahead by what the test advanced: all the web client reads is Date. */
    private static final String MOVABLE_CLOCK = """
            (() => {
              const RealDate = Date;
              let offset = 0;
              const now = () => RealDate.now() + offset;
              function MovableDate(...args) {
                if (!new.target) return new RealDate(now()).toString();
                return args.length === 0 ? new RealDate(now()) : new RealDate(...args);
              }
              MovableDate.prototype = RealDate.prototype;
              MovableDate.now = now;
              MovableDate.parse = RealDate.parse;
              MovableDate.UTC = RealDate.UTC;
              window.Date = MovableDate;
              Object.defineProperty(window, '__advanceTestClock', { value: (ms) => { offset += ms; } });
              Object.defineProperty(window, '__setTestClock', { value: (epochMs) => { offset = epochMs - RealDate.now(); } });
            })();
            """;

    private ChromeDriver driver;
    private GatekeepStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = GatekeepStack.get();
        // the root store is closed after the last test class, before the JVM's shutdown hooks stop the infrastructure
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).computeIfAbsent(GatekeepStack.class, key ->
                (AutoCloseable) GatekeepStack::stopAfterTheLastTest);
        String chromium = installed("gatekeep.chromium", "/usr/bin/chromium");
        String chromedriver = installed("gatekeep.chromedriver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,1000",
                "--lang=en-US",
                "--no-first-run",
                "--disable-extensions",
                "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(chromedriver).toFile())
                .build();
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", MOVABLE_CLOCK));
    }

    private static String installed(String property, String debianPath) {
        String path = System.getProperty(property, debianPath);
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: the browser tests need Debian's Chromium and its "
                    + "driver. Install them with `apt-get install -y chromium chromium-driver` (.ci/run does), or "
                    + "point -D" + property + "= at another build.");
        }
        return path;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        stack.resetClock();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName();
        try {
            Files.createDirectories(FAILURES);
            Files.write(FAILURES.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(FAILURES.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    GatekeepStack stack() {
        return stack;
    }

    /** Opens a page of the web client as typing its address (or clicking an emailed link) would: a fresh page. */
    void open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : stack.baseUrl() + pathOrUrl);
        // the device's clock agrees with the server's, as it does for people (the tests move the server's)
        driver.executeScript(
                "window.__setTestClock(arguments[0])", stack.clock().millis());
        heading();
    }

    /** The page's main heading, once the screen has rendered. */
    String heading() {
        return waitFor(d -> d.findElements(By.cssSelector("main h1")).stream()
                .findFirst()
                .map(WebElement::getText)
                .filter(text -> !text.isBlank())
                .orElse(null));
    }

    /** Waits until the main heading reads {@code text}. */
    void onPage(String text) {
        waitFor(d -> d.findElements(By.cssSelector("main h1")).stream()
                        .anyMatch(h1 -> h1.getText().equals(text))
                ? true
                : null);
    }

    /** The input whose label reads exactly {@code label} (so the test fails when a label is missing). */
    WebElement field(String label) {
        return waitFor(d -> d.findElements(By.xpath("//label[normalize-space()=" + literal(label) + "]")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .map(found -> d.findElement(By.id(found.getAttribute("for"))))
                .orElse(null));
    }

    void type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
    }

    WebElement button(String text) {
        return waitFor(d -> d.findElements(By.xpath("//button[normalize-space()=" + literal(text) + "]")).stream()
                .filter(WebElement::isDisplayed)
                .filter(WebElement::isEnabled)
                .findFirst()
                .orElse(null));
    }

    void click(String buttonText) {
        button(buttonText).click();
    }

    void clickLink(String text) {
        waitFor(d -> d.findElements(By.linkText(text)).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null))
                .click();
    }

    /** The error line under the field labelled {@code label}, once there is one. */
    String errorOf(String label) {
        WebElement input = field(label);
        return waitFor(d -> Optional.ofNullable(d.findElement(By.id(input.getAttribute("id") + "-error")))
                .filter(WebElement::isDisplayed)
                .map(WebElement::getText)
                .filter(t -> !t.isBlank())
                .orElse(null));
    }

    /** Everything the main area says. */
    String text() {
        return driver.findElement(By.id("main")).getText();
    }

    /** Waits until the main area says {@code words}. */
    void sees(String words) {
        waitFor(d -> d.findElement(By.id("main")).getText().contains(words) ? true : null);
    }

    String path() {
        return (String) driver.executeScript("return location.pathname + location.search");
    }

    Object script(String javascript, Object... arguments) {
        return driver.executeScript(javascript, arguments);
    }

    /** Moves the page's clock (the API's is moved through {@link GatekeepStack#clock()}). */
    void advanceClock(Duration duration) {
        driver.executeScript("window.__advanceTestClock(arguments[0])", duration.toMillis());
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        // screens re-render as answers arrive: an element found a moment ago may be gone, so look again
        return new WebDriverWait(driver, PATIENCE)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** A screenshot for the documentation, written to target/screens (or -Dgatekeep.screens=docs/screens). */
    void screenshot(String name) {
        Path directory = Path.of(System.getProperty("gatekeep.screens", "target/screens"));
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String literal(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }
}
