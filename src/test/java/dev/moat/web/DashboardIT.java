package dev.moat.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moat.support.RunningJar;
import java.io.File;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's chromium, driven through chromedriver, against the packaged jar. The
 * charts must be drawn with the data: an SVG per chart holding a shape per point or bar and each series' name.
 * Screenshots go to target/dashboard-*.png. Without chromium the test is skipped, unless MOAT_REQUIRE_BROWSER=true
 * (as .ci/run sets after installing it) makes that a failure.
 */
class DashboardIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private RunningJar server;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("MOAT_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("MOAT_REQUIRE_BROWSER=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "chromium and chromedriver are not installed");
        server = new RunningJar(
                        work.resolve("data"),
                        "moat.experiments.root=" + Path.of("data/examples").toAbsolutePath())
                .start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The flags this machine needs: no sandbox as root, and no background calls to the closed network.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1400",
                "--user-data-dir=" + work.resolve("chromium"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void drawsAUsersMeterAndAnExperimentsCurvesWithTheirData() throws Exception {
        for (String text : List.of(
                "I keep bees in the garden behind the house",
                "My sister Ana lives in Lisbon",
                "I prefer green tea over coffee in the morning",
                "I am training for the Porto marathon in May")) {
            post("/v1/users/dana/memories", JSON.writeValueAsString(Map.of("text", text)));
        }
        String experiment = JSON.readTree(post("/v1/experiments?path=moat-example.jsonl", null))
                .get("id")
                .asText();

        // The dashboard asks for an admin key first.
        browser.get(server.uri("/").toString());
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.name("key")).sendKeys(server.adminKey());
        browser.findElement(By.cssSelector("#login button")).click();
        // the login form posts and redirects: wait for the users page rather than read the login page's
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.elementToBeClickable(By.linkText("dana")))
                .click();
        awaitChart("meter-recall");
        assertThat(seriesOf("meter-recall")).containsExactly("kept:4", "lost:4");
        assertThat(seriesOf("meter-rebuild")).containsExactly("rebuild tokens:4");
        // Drawn: at least the bars of what is kept (derived probes all found today), and the legend names.
        assertThat(shapesIn("meter-recall")).isGreaterThanOrEqualTo(4);
        assertThat(textsIn("meter-recall")).contains("kept", "lost", "none", "transcript", "digest", "passport");
        screenshot("dashboard-user.png");
        // The destinations are offered beside the providers; one that takes a digest shows that mode alone.
        assertThat(browser.findElements(By.cssSelector("select[name=target] option")).stream()
                        .map(WebElement::getText)
                        .toList())
                .startsWith("chat-assistant", "cold", "memory-service", "moat")
                .contains("offline");
        browser.get(server.uri("/users/dana?target=chat-assistant").toString());
        awaitChart("meter-recall");
        assertThat(seriesOf("meter-recall")).containsExactly("kept:1", "lost:1");
        assertThat(textsIn("meter-recall")).contains("digest").doesNotContain("passport");
        browser.get(server.uri("/users/dana").toString());
        awaitChart("meter-recall");

        browser.findElement(By.name("q")).sendKeys("bees");
        WebElement before = browser.findElement(By.id("search"));
        browser.findElement(By.cssSelector("#search button")).click();
        // The search is a GET form: wait for the old page to go before reading the new one's table.
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(before));
        awaitChart("meter-recall");
        assertThat(browser.findElements(By.cssSelector("#memories tbody td:first-child")).stream()
                        .map(e -> e.getText())
                        .toList())
                .first()
                .isEqualTo("I keep bees in the garden behind the house");

        // The experiment page refreshes itself until the run is done, then draws its curves.
        browser.get(server.uri("/experiments/" + experiment).toString());
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> b.findElement(By.cssSelector("#status strong"))
                .getText()
                .equals("done"));
        awaitChart("experiment-value");
        assertThat(seriesOf("experiment-value")).containsExactly("rosa:3", "ken:2");
        assertThat(seriesOf("experiment-loss")).containsExactly("none:3", "transcript:3", "digest:3", "passport:3");
        assertThat(textsIn("experiment-value")).contains("rosa", "ken");
        // A line and a symbol per point: more shapes than points.
        assertThat(shapesIn("experiment-value")).isGreaterThanOrEqualTo(5);
        screenshot("dashboard-experiment.png");

        browser.get(server.uri("/").toString());
        assertThat(browser.findElement(By.id("experiments")).getText()).contains("moat-example.jsonl", "done");
        screenshot("dashboard-index.png");
    }

    private void awaitChart(String id) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(b ->
                        !b.findElements(By.cssSelector("#" + id + " svg path")).isEmpty());
    }

    /** The series ECharts holds for the chart: name and number of values. */
    @SuppressWarnings("unchecked")
    private List<String> seriesOf(String id) {
        return (List<String>) ((JavascriptExecutor) browser)
                .executeScript(
                        "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series"
                                + ".map(s => s.name + ':' + s.data.length);",
                        id);
    }

    private int shapesIn(String id) {
        return browser.findElements(By.cssSelector("#" + id + " svg path")).size();
    }

    private List<String> textsIn(String id) {
        return browser.findElements(By.cssSelector("#" + id + " svg text")).stream()
                .map(e -> e.getAttribute("textContent").strip())
                .toList();
    }

    private void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    private String post(String path, String json) throws Exception {
        HttpRequest.Builder request = server.request(path);
        request = json == null
                ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
        return r.body();
    }
}
