package io.convgate.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven by Selenium, for the console's browser tests. Chromium and its
 * driver are Debian's {@code chromium} and {@code chromium-driver}; {@code bin/test} installs them
 * when they are missing. Without them this fails: a browser test is never skipped.
 */
public final class Browser implements AutoCloseable {

  public static final Dimension LAPTOP = new Dimension(1366, 900);
  public static final Dimension PHONE = new Dimension(390, 844);
  private static final Path SHOTS = Path.of("target", "console-screenshots");

  private final ChromeDriver driver;
  private final String baseUrl;

  private Browser(ChromeDriver driver, String baseUrl) {
    this.driver = driver;
    this.baseUrl = baseUrl;
  }

  /** Starts Chromium against a convgate at this base URL, e.g. {@code http://127.0.0.1:8081}. */
  public static Browser open(String baseUrl) {
    File chromium = executable("chromium", "/usr/bin/chromium");
    File chromedriver = executable("chromedriver", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--window-size=" + LAPTOP.getWidth() + "," + LAPTOP.getHeight());
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return new Browser(driver, baseUrl);
  }

  private static File executable(String name, String usual) {
    File file = new File(usual);
    if (file.canExecute()) {
      return file;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(dir, name);
      if (candidate.canExecute()) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        name
            + " is not installed: the console's browser tests need Debian's chromium and"
            + " chromium-driver (bin/test installs them: apt-get install chromium chromium-driver)");
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void go(String path) {
    driver.get(baseUrl + path);
  }

  /** Waits (up to 20 s) until an element is visible and returns it. */
  public WebElement visible(String css) {
    return waiting(Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Waits until an element's text contains this. */
  public void awaitText(String css, String text, Duration within) {
    waiting(within)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public void click(String css) {
    visible(css).click();
  }

  public void type(String css, String text) {
    WebElement field = visible(css);
    field.clear();
    field.sendKeys(text);
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  public Object asyncScript(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
  }

  public WebDriverWait waiting(Duration within) {
    return new WebDriverWait(driver, within);
  }

  /**
   * Screenshots of the page as it is, at laptop and phone width, as {@code
   * target/console-screenshots/<name>-1366.png} and {@code -390.png}.
   */
  public void screenshots(String name) {
    try {
      Files.createDirectories(SHOTS);
      for (Dimension size : List.of(LAPTOP, PHONE)) {
        driver.manage().window().setSize(size);
        script("return document.body.offsetHeight");
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(
            shot.toPath(),
            SHOTS.resolve(name + "-" + size.getWidth() + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      driver.manage().window().setSize(LAPTOP);
    } catch (IOException e) {
      throw new IllegalStateException("screenshot " + name + " not written", e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
