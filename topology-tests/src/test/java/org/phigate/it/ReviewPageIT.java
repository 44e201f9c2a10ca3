package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.CommonConfig;
import org.phigate.config.ReviewConfig;
import org.phigate.config.Settings;
import org.phigate.demo.DemoClients;
import org.phigate.demo.SampleInput;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.FreePorts;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.embedded.LocalOidcIssuer;
import org.phigate.it.support.PortalMessages;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.security.Keys;
import org.phigate.testing.CapturedOutput;

/**
 * The review page in headless Chromium (Debian's chromium and chromedriver, driven by Selenium) over the whole
 * pipeline on a real broker: a nurse signs in at the local OIDC issuer, sees the pending portal messages most urgent
 * first, opens one, edits and approves it, rejects another with a reason; the edited text reaches the EHR and the
 * rejected item does not. Screenshots of the queue and of an item go to target/review-page/. No URL the browser
 * requested and no log line holds the PHI fed in.
 */
class ReviewPageIT {
  private static final String PATIENT = "Zebulonia Quixtrot";
  private static final String EDITED = "Call 911 now. A nurse will phone you at " + PortalMessages.PHONE
      + " within minutes, Zebulonia.";
  private static final List<String> MESSAGES = List.of("pm-01", "pm-02", "pm-10", "pm-11");
  private static final Path ARTIFACTS = Path.of("target", "review-page");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedKafkaBroker kafka;
  private static EmbeddedFhirServer ehr;
  private static LocalOidcIssuer issuer;
  private static PipelineRuntime runtime;
  private static CapturedOutput captured;
  private static String pageUrl;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    captured = new CapturedOutput();
    // its own broker: the catalog topics must hold only this test's four messages
    kafka = EmbeddedKafkaBroker.start();
    ehr = EmbeddedFhirServer.start();
    issuer = LocalOidcIssuer.start();
    Path state = Files.createTempDirectory("phigate-review-page-it");
    int port = FreePorts.find();
    Map<String, String> settings = new HashMap<>(Map.of(
        CommonConfig.BOOTSTRAP.name(), kafka.bootstrapServers(),
        CommonConfig.TENANT.name(), "it-page",
        CommonConfig.STATE_DIR.name(), state.toString(),
        CommonConfig.REPLICATION.name(), "1",
        CommonConfig.TOPIC_REPLICATION.name(), "1",
        CommonConfig.TOPIC_PARTITIONS.name(), "2",
        "writeback.fhir.base.url", ehr.baseUrl(),
        ReviewConfig.API_PORT.name(), Integer.toString(port),
        ReviewConfig.ISSUER.name(), issuer.issuer(),
        ReviewConfig.JWKS_URL.name(), issuer.jwksUrl()));
    for (String key : List.of(CommonConfig.EVENT_KEY.name(), CommonConfig.VAULT_KEY.name(),
        CommonConfig.HMAC_KEY.name(), CommonConfig.REVIEW_KEY.name(), ReviewConfig.MAC_KEY.name())) {
      settings.put(key, Keys.randomBase64());
    }
    CommonConfig common = new CommonConfig(Settings.of(settings));
    TopicProvisioner.ensureTopics(common);
    runtime = PipelineRuntime.start(List.of(Role.INTAKE, Role.DEID, Role.INFERENCE, Role.REVIEW, Role.WRITEBACK),
        common, new TopicSerdes(new InMemorySchemaRegistry()), Clock.systemUTC());
    runtime.awaitRunning(Duration.ofMinutes(2));
    pageUrl = "http://127.0.0.1:" + port;

    List<SampleInput> inputs = new ArrayList<>();
    for (PortalMessages.Message message : PortalMessages.load(PATIENT)) {
      if (MESSAGES.contains(message.id())) {
        inputs.add(PortalMessages.communication("page-" + message.id(), PATIENT, message.text()));
      }
    }
    // the hospital's chart: write-back matches the patient by MRN before it writes
    org.phigate.demo.DemoCharts.register(ehr, org.phigate.config.WritebackConfig.PATIENT_SYSTEM.defaultValue(), inputs);
    DemoClients.publish(kafka.bootstrapServers(), inputs);
    await().atMost(Duration.ofMinutes(3)).until(() -> pendingViaApi() == MESSAGES.size());

    Files.createDirectories(ARTIFACTS);
    browser = startBrowser();
  }

  private static ChromeDriver startBrowser() throws Exception {
    assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium: apt-get install chromium chromium-driver "
        + "(.ci/run does)").isExecutable();
    assertThat(Path.of("/usr/bin/chromedriver")).as("Debian's chromedriver: apt-get install chromium-driver")
        .isExecutable();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory("phigate-chromium"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (runtime != null) {
      runtime.close();
    }
    for (AutoCloseable service : new AutoCloseable[] {issuer, ehr, kafka, captured}) {
      try {
        if (service != null) {
          service.close();
        }
      } catch (Exception e) {
        // stopping: nothing more to do
      }
    }
  }

  private static int pendingViaApi() throws Exception {
    HttpResponse<String> queue = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pageUrl
        + "/api/v1/queue")).header("Authorization", "Bearer " + issuer.token("it-check", List.of("auditor"),
        Duration.ofMinutes(5))).build(), HttpResponse.BodyHandlers.ofString());
    return queue.statusCode() == 200 ? JSON.readTree(queue.body()).get("items").size() : -1;
  }

  @Test
  void shouldSignInReviewByUrgencyEditApproveAndRejectWithoutPhiInUrlsOrLogs() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30)) {
      @Override
      protected RuntimeException timeoutException(String message, Throwable lastException) {
        saveFailure();
        return super.timeoutException(message, lastException);
      }
    };
    // Given a nurse who signs in at the issuer's login form
    browser.get(pageUrl + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("demo-nurse");
    browser.findElement(By.id("password")).sendKeys(issuer.demoPassword());
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    // When the queue shows: most urgent first
    wait.until(d -> d.findElements(By.cssSelector("#queue tbody tr")).size() == MESSAGES.size());
    List<String> urgencies = browser.findElements(By.cssSelector("#queue tbody tr td:first-child")).stream()
        .map(WebElement::getText).toList();
    List<String> order = List.of("Emergency", "Urgent", "Soon", "Routine");
    assertThat(urgencies).isSortedAccordingTo((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
    assertThat(urgencies.get(0)).isEqualTo("Emergency");
    assertThat(browser.findElement(By.id("counts")).getText()).contains("Emergency");
    assertThat(browser.manage().getCookieNamed("phigate_session").isHttpOnly()).isTrue();
    assertThat(browser.manage().getCookieNamed("phigate_session").getSameSite()).isEqualTo("Strict");
    screenshot("review-queue.png");

    // the most urgent one: the re-identified message beside the AI draft; edit and approve it
    String approvedId = rowId(0);
    browser.findElements(By.cssSelector("#queue tbody tr button.open")).get(0).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("i-draft")));
    wait.until(d -> d.findElement(By.id("i-source")).getText().contains(PATIENT));
    assertThat(browser.findElement(By.id("i-model")).getText()).isNotBlank();
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("item-heading");
    screenshot("review-item.png");
    WebElement draft = browser.findElement(By.id("i-draft"));
    draft.clear();
    draft.sendKeys(EDITED);
    browser.findElement(By.id("edit-approve")).click();
    wait.until(d -> d.findElements(By.cssSelector("#queue tbody tr")).size() == MESSAGES.size() - 1);
    assertThat(browser.findElement(By.id("status")).getText()).contains("Approved");

    // the last (least urgent, oldest) one: reject it with a reason, by keyboard
    String rejectedId = rowId(MESSAGES.size() - 2);
    browser.findElements(By.cssSelector("#queue tbody tr button.open")).get(MESSAGES.size() - 2).sendKeys(org.openqa.selenium.Keys.ENTER);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reject-reason")));
    new Select(browser.findElement(By.id("reject-reason"))).selectByValue("NOT_ACTIONABLE");
    browser.findElement(By.id("reject-reason")).sendKeys(org.openqa.selenium.Keys.TAB);
    assertThat(browser.switchTo().activeElement().getText()).as("Tab from the reason reaches Reject").isEqualTo("Reject");
    browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
    wait.until(d -> d.findElements(By.cssSelector("#queue tbody tr")).size() == MESSAGES.size() - 2);
    assertThat(browser.findElements(By.cssSelector("#queue tbody tr"))).noneMatch(r ->
        approvedId.equals(r.getAttribute("data-review-id")) || rejectedId.equals(r.getAttribute("data-review-id")));

    // Then the edited text reaches the EHR; the rejected and the undecided items do not
    await().atMost(Duration.ofMinutes(2)).until(() -> ehr.resourceCount("Task") >= 1);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> ehr.resourceCount("Task") == 1);
    // the approved reply is the Bundle's Communication beside the Task (issue 15's write-back)
    await().atMost(Duration.ofSeconds(30)).until(() -> ehr.resourceCount("Communication") == 1);
    String reply = FhirContext.forR4Cached().newJsonParser()
        .encodeResourceToString(ehr.resources("Communication").get(0));
    assertThat(reply).contains(EDITED);
    assertThat(pendingViaApi()).isEqualTo(MESSAGES.size() - 2);

    // and no URL the browser asked for, and no log line, carries the PHI
    List<String> urls = requestedUrls();
    assertThat(urls).anyMatch(u -> u.contains("/api/v1/items/")).anyMatch(u -> u.contains("/authorize"));
    for (String phi : List.of(PATIENT, "Quixtrot", "Zebulonia", PortalMessages.PHONE, "555-0143", "5550143")) {
      assertThat(urls).noneMatch(u -> u.contains(phi) || u.contains(phi.replace(" ", "%20"))
          || u.contains(phi.replace(" ", "+")));
      assertThat(captured.logLines()).noneMatch(line -> line.contains(phi));
    }
    assertThat(String.join("\n", captured.logLines())).doesNotContain("within minutes");
  }

  /** What the browser showed when a wait ran out: the page, its console, its URL (test artifacts). */
  private static void saveFailure() {
    try {
      Files.writeString(ARTIFACTS.resolve("failure.html"), browser.getCurrentUrl() + "\n" + browser.getPageSource());
      Files.write(ARTIFACTS.resolve("failure-console.txt"), browser.manage().logs().get(LogType.BROWSER).getAll()
          .stream().map(LogEntry::toString).toList());
      Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), ARTIFACTS.resolve("failure.png"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (Exception e) {
      // diagnostics only
    }
  }

  private String rowId(int index) {
    return browser.findElements(By.cssSelector("#queue tbody tr")).get(index).getAttribute("data-review-id");
  }

  private void screenshot(String name) throws Exception {
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, ARTIFACTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Every URL the browser requested, from Chromium's own network log. */
  private static List<String> requestedUrls() throws Exception {
    List<String> urls = new ArrayList<>();
    for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode message = JSON.readTree(entry.getMessage()).path("message");
      if (message.path("method").asText().equals("Network.requestWillBeSent")) {
        urls.add(message.path("params").path("request").path("url").asText());
        JsonNode redirect = message.path("params").path("redirectResponse");
        if (!redirect.isMissingNode()) {
          urls.add(redirect.path("url").asText());
          urls.add(redirect.path("headers").path("Location").asText(redirect.path("headers").path("location")
              .asText()));
        }
      }
    }
    return urls;
  }
}
