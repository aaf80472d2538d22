package org.vectorindex.jobs.dashboard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium through its chromedriver (both from apt; .ci/run installs them), with
 * the browser console recorded so a test can require that a page logs no errors. The driver paths
 * are given explicitly, so Selenium never tries to download a browser.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Set by .ci/run: without the browser the test fails instead of being skipped. */
    static final String REQUIRED = "VECTORINDEX_REQUIRE_BROWSER";

    private final ChromeDriver driver;

    HeadlessChromium(int width, int height) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing =
                "needs Debian's chromium and chromium-driver: apt-get install -y chromium"
                        + " chromium-driver (.ci/run installs them)";
        // A fresh clone's mvn verify must pass without them; CI, which installs them, must not
        // skip.
        if (!installed && System.getenv(REQUIRED) == null) {
            Assumptions.abort(missing + "; skipped because " + REQUIRED + " is not set");
        }
        assertTrue(installed, missing);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height);
        o.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                        .usingAnyFreePort()
                        .build();
        driver = new ChromeDriver(service, o);
    }

    void open(String url) {
        driver.get(url);
    }

    /** Runs {@code script} (with a {@code return}) in the page. */
    Object eval(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** Waits until {@code done} holds, polling every 100 ms; fails with {@code what} otherwise. */
    void await(String what, Duration timeout, Supplier<Boolean> done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(done.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Console entries of level SEVERE (errors, failed loads, uncaught exceptions) so far. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString)
                .toList();
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
