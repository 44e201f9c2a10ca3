package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.WritebackConfig;
import org.phigate.demo.DemoCharts;
import org.phigate.demo.SampleInput;
import org.phigate.it.support.PhiNeedles;
import org.phigate.it.support.PlaintextScan;
import org.phigate.it.support.SecurePipeline;
import org.phigate.it.support.SharedData;
import org.phigate.security.Keys;
import org.phigate.testing.CapturedOutput;

/**
 * No plaintext PHI at rest outside {@code phigate.intake.raw}: the whole pipeline runs over the shared samples (the
 * demo's inputs and every HL7 v2 and FHIR file of {@code shared/data}) on a real KRaft broker that enforces SASL_SSL,
 * mTLS and the planned ACLs (one process per zone, each role its own principal, as in {@link SecureBrokerIT}); once
 * every input reached review, the EHR or a dead-letter topic, every file in the broker's log directory (segments,
 * indexes, snapshots, internal and changelog topics) is searched byte for byte for every PHI value fed in, and so is
 * every log line all roles wrote. A hit names the topic and the category, never the value.
 */
class PhiAtRestIT {
  private static final Duration STAGE = Duration.ofMinutes(5);

  private static SecurePipeline pipeline;
  private static CapturedOutput logs;
  /**
   * The de-identified events and the internal topics that hold copies of them (the inference role's pending store,
   * the review role's source store and its repartition topic): PHI there is a de-identification miss, which
   * {@link #shouldLeaveNoInputPhiInTheDeidentifiedEvents} checks apart from PHI at rest in sealed topics.
   */
  private static final Set<String> DEIDENTIFIED_COPIES = Set.of(Topics.EVENTS_DEIDENTIFIED.name(),
      "phigate-inference-inference-pending-store-changelog", "phigate-review-review-source-store-changelog",
      "phigate-review-review-sources-by-review-id-repartition");
  private static List<PlaintextScan.Hit> hits;
  private static List<String> lines;
  private static final Map<String, Set<String>> logHits = new TreeMap<>();

  @BeforeAll
  static void startSecurePipeline() throws Exception {
    logs = new CapturedOutput();
    pipeline = SecurePipeline.start("phi-at-rest-it", "at-rest-hospital", "192.0.2.21",
        Map.of(CommonConfig.REVIEW_KEY.name(), Keys.randomBase64()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (pipeline != null) {
      // Streams state, the archive and the audit signing key of this run
      pipeline.close();
    }
    if (logs != null) {
      logs.close();
    }
  }

  /** Runs every input through the pipeline and scans the broker's files and the log lines once for all tests. */
  private static synchronized void runAndScan() throws Exception {
    if (hits != null) {
      return;
    }
    List<SampleInput> inputs = inputs();
    Map<String, String> phi = PhiNeedles.of(inputs);
    PlaintextScan scan = new PlaintextScan(phi);
    assertThat(phi).hasSizeGreaterThan(500);

    DemoCharts.register(pipeline.ehr(), WritebackConfig.PATIENT_SYSTEM.defaultValue(), inputs);
    pipeline.publish(inputs);
    await().atMost(STAGE).pollInterval(Duration.ofSeconds(2)).until(() -> audits("intake.normalize")
        + audits("intake.reject") + audits("intake.duplicate") == inputs.size());
    await().atMost(STAGE).pollInterval(Duration.ofSeconds(2)).until(() -> audits("deid.redact")
        + count(Topics.POISON_DLQ.name()) >= audits("intake.normalize"));
    await().atMost(STAGE).pollInterval(Duration.ofSeconds(2)).until(() -> audits("inference.run")
        >= audits("deid.redact"));
    await().atMost(STAGE).pollInterval(Duration.ofSeconds(2)).until(() -> audits("review.hold")
        >= count(Topics.AI_RESULTS.name()));
    Set<String> reviewIds = pipeline.approveAll("at-rest-it-reviewer", "https://issuer.at-rest-it.test");
    assertThat(reviewIds).isNotEmpty();
    await().atMost(STAGE).pollInterval(Duration.ofSeconds(2)).until(() -> count(Topics.EHR_OUTCOMES.name())
        + count(Topics.EHR_DLQ.name()) >= reviewIds.size());
    // every transaction is committed or aborted: the segment files hold all the roles ever wrote, and the scan reads
    // them as the broker keeps them on disk (files, not fetches, so aborted records are searched too)
    pipeline.closeRoles();

    hits = scan.scanLogDirs(pipeline.kafka().dataDir().resolve("logs"));
    System.out.println("[phi-at-rest] " + inputs.size() + " inputs, " + phi.size() + " PHI values ("
        + scan.patterns() + " byte patterns); topics holding plaintext PHI -> categories: " + byTopic(hits));
    lines = logs.logLines();
    for (String line : lines) {
      Set<String> categories = scan.categoriesInText(line);
      if (!categories.isEmpty()) {
        // the logger's name only: the line itself holds the PHI
        logHits.computeIfAbsent(line.substring(0, Math.max(0, line.indexOf(' '))), l -> new TreeSet<>())
            .addAll(categories);
      }
    }
    System.out.println("[phi-at-rest] " + lines.size() + " log lines; loggers with PHI -> categories: " + logHits);
  }

  @Test
  void shouldFindTheInputsInTheRawTopicSoTheScanSeesWhatTheBrokerWrote() throws Exception {
    runAndScan();
    assertThat(byTopic(hits)).containsKey(Topics.INTAKE_RAW.name());
    assertThat(byTopic(hits).get(Topics.INTAKE_RAW.name())).contains("NAME", "MRN", "DATE", "GEO", "PHONE");
  }

  @Test
  void shouldHoldNoPlaintextPhiInAnySealedInternalOrOutputTopic() throws Exception {
    runAndScan();
    assertThat(hits.stream().filter(h -> !h.topic().equals(Topics.INTAKE_RAW.name())
            && !DEIDENTIFIED_COPIES.contains(h.topic())).toList())
        .as("plaintext PHI at rest outside " + Topics.INTAKE_RAW.name() + " (topic (file): category)").isEmpty();
  }

  @Test
  void shouldKeepNoPhiInTheStoresAndRepartitionTopicsThatCopyDeidentifiedEventsBeyondWhatTheEventsHold()
      throws Exception {
    runAndScan();
    Set<Integer> inEvents = new TreeSet<>();
    hits.stream().filter(h -> h.topic().equals(Topics.EVENTS_DEIDENTIFIED.name())).forEach(h -> inEvents.add(
        h.valueId()));
    assertThat(hits.stream().filter(h -> DEIDENTIFIED_COPIES.contains(h.topic()) && !inEvents.contains(h.valueId()))
        .toList()).as("PHI in a copy of the de-identified events that the events themselves do not hold").isEmpty();
  }

  @Test
  void shouldLeaveNoInputPhiInTheDeidentifiedEvents() throws Exception {
    runAndScan();
    assertThat(hits.stream().filter(h -> DEIDENTIFIED_COPIES.contains(h.topic())).toList())
        .as("input PHI left in de-identified events (topic (file): category)").isEmpty();
  }

  @Test
  void shouldWriteNoInputPhiInAnyLogLineOfAnyRole() throws Exception {
    runAndScan();
    assertThat(lines).isNotEmpty();
    assertThat(logHits).as("PHI in log lines (logger: categories)").isEmpty();
  }

  private static Map<String, Set<String>> byTopic(List<PlaintextScan.Hit> found) {
    Map<String, Set<String>> out = new TreeMap<>();
    found.forEach(h -> out.computeIfAbsent(h.topic(), t -> new TreeSet<>()).add(h.category()));
    return out;
  }

  /** The demo's inputs and every HL7 v2 and FHIR file under shared/data not already among them. */
  private static List<SampleInput> inputs() throws IOException {
    Map<String, SampleInput> byName = new LinkedHashMap<>();
    SampleInput.shipped().forEach(s -> byName.put(s.name(), s));
    for (String set : List.of("hl7v2", "fhir")) {
      Path dir = SharedData.find(set).orElse(null);
      if (dir == null) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = set + "/" + dir.relativize(f).toString().replace("fhir-r4-files/", "");
          String lower = name.toLowerCase(java.util.Locale.ROOT);
          // package.json is the examples' npm manifest, configuration-sample-R4.json an anonymizer rule set
          if ((lower.endsWith(".hl7") || lower.endsWith(".json")) && !lower.endsWith("package.json")
              && !lower.contains("configuration-sample")) {
            byName.putIfAbsent(name, new SampleInput(name, Files.readAllBytes(f), lower.endsWith(".hl7")
                ? "application/hl7-v2" : "application/fhir+json"));
          }
        }
      }
    }
    return List.copyOf(byName.values());
  }

  private static long audits(String step) {
    return pipeline.audits(step);
  }

  private static int count(String topic) {
    return pipeline.count(topic);
  }
}
