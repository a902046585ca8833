package jm.orderbook.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Drives Debian's headless Chromium through Debian's chromedriver (Selenium is told both paths,
 * so it downloads nothing): the offers table shows the makers, clicking a header sorts, the bonds
 * section lists the bonded maker, the console has no errors, the page fits a phone's width, and a
 * screenshot is written. Skipped, saying why, only when Chromium or its driver is not installed.
 */
final class BrowserCheck {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private BrowserCheck() {
    }

    static void run(URI page, List<String> makers, String bondedMaker, Path screenshot) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium is not installed (" + CHROMIUM + ", " + DRIVER + "): apt-get install chromium "
                        + "chromium-driver, as .ci/run does");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--no-first-run", "--window-size=1280,1900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File("target/chromedriver.log")).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.get(page.toString());

            assertThat(driver.findElement(By.id("maker-count")).getText()).isEqualTo(Integer.toString(makers.size()));
            assertThat(rowMakers(driver)).containsAll(makers);

            WebElement makerHeader = driver.findElement(By.cssSelector("#offers-table th[data-col=maker]"));
            makerHeader.click();
            assertThat(makerHeader.getAttribute("aria-sort")).isEqualTo("ascending");
            assertThat(rowMakers(driver)).isSorted();
            makerHeader.click();
            assertThat(makerHeader.getAttribute("aria-sort")).isEqualTo("descending");
            assertThat(rowMakers(driver)).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(driver.getCurrentUrl()).as("sorted in place, no reload").isEqualTo(page.toString());

            WebElement maxHeader = driver.findElement(By.cssSelector("#offers-table th[data-col=maxsize]"));
            maxHeader.click();
            List<Long> sizes = driver.findElements(By.cssSelector("#offers-table tbody td.c-maxsize")).stream()
                    .map(td -> Long.parseLong(td.getAttribute("data-v"))).toList();
            assertThat(sizes).isSorted();

            List<WebElement> bondRows = driver.findElements(By.cssSelector("#bonds-table tbody tr"));
            assertThat(bondRows).hasSize(1);
            assertThat(bondRows.get(0).getText()).contains(bondedMaker, "100.0%");

            assertThat(driver.findElement(By.id("depth-chart")).isDisplayed()).isTrue();
            assertThat(driver.findElement(By.id("size-chart")).isDisplayed()).isTrue();

            driver.get(page.toString()); // back to the default order for the picture
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(screenshot.toAbsolutePath().getParent());
            Files.write(screenshot, png);

            driver.manage().window().setSize(new Dimension(390, 844)); // a phone
            driver.get(page.toString());
            Object overflow = ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(((Number) overflow).longValue()).as("page wider than a phone screen").isLessThanOrEqualTo(0);

            List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
            assertThat(severe).as("browser console errors").isEmpty();
        } finally {
            driver.quit();
        }
    }

    private static List<String> rowMakers(ChromeDriver driver) {
        return driver.findElements(By.cssSelector("#offers-table tbody tr")).stream()
                .map(tr -> tr.getAttribute("data-maker")).toList();
    }
}
