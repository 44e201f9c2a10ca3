package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.runtime.Role;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.DecisionType;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.TextPart;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.VaultEntryKind;
import org.phigate.schema.WritebackOutcome;
import org.phigate.schema.WritebackStatus;

/**
 * Tokens truncated to 4 bits (deid.token.bits and deid.patient.token.bits, test only) make 200 patients share 16
 * patient tokens and 16 tokens per category; the whole chain (intake, deid, write-back against a FHIR server) still
 * writes every approved item with its own patient's values only, to its own chart, because the vault is keyed by the
 * full keyed hash and each item is re-identified through its own event's key map.
 */
class VaultCollisionTest {
  private static final int PATIENTS = 200;
  private static final List<String> GIVEN = List.of("Ardith", "Bronwen", "Caspian", "Delphine", "Evander",
      "Fenella", "Gulliver", "Hespera", "Ignatius", "Jessamy", "Leopold", "Marisol", "Nathaniel", "Ottoline",
      "Peregrine", "Rosalind", "Sebastian", "Tamsin", "Ulysses", "Wilhelmina");
  private static final List<String> FAMILY = List.of("Quixtrot", "Fenwhistle", "Brackenbury", "Thistlewood",
      "Marchbanks", "Oakenshaw", "Pemberton", "Ravensworth", "Silverthorne", "Wetherell");
  private static final Pattern TOKEN = Pattern.compile("\\[[A-Z_]+-[0-9a-f]+]");
  private static EmbeddedFhirServer ehr;

  @BeforeAll
  static void startEhr() {
    ehr = EmbeddedFhirServer.start();
  }

  @AfterAll
  static void stopEhr() {
    ehr.close();
  }

  /** One synthetic patient: MRN, name, phone, and the note that mentions all three. */
  private record Patient(String mrn, String given, String family, String phone) {
    String name() {
      return given + " " + family;
    }

    String note() {
      return name() + " (MRN " + mrn + ") called from " + phone + " about the potassium result.";
    }

    String er7(int i) {
      return "MSH|^~\\&|EHR|GENHOSP|PHIGATE|GENHOSP|20261120083000||ORU^R01|COLL-" + i + "|P|2.5\r"
          + "PID|1||" + mrn + "^^^GENHOSP^MR||" + family + "^" + given + "||19610304|F|||||"
          + phone.replace(" ", "") + "\r"
          + "OBR|1|||NOTE^Nursing note\rOBX|1|TX|NOTE^Nursing note||" + note() + "||||||F\r";
    }
  }

  private static List<Patient> patients() {
    List<Patient> out = new ArrayList<>();
    for (int i = 0; i < PATIENTS; i++) {
      out.add(new Patient(String.valueOf(810000 + i), GIVEN.get(i % GIVEN.size()), FAMILY.get(i / GIVEN.size()),
          String.format("(217) 555-%04d", 1000 + i)));
    }
    return out;
  }

  private static TestPipeline truncated(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(extra);
    settings.put("deid.token.bits", "4");
    settings.put("deid.patient.token.bits", "4");
    return new TestPipeline(settings);
  }

  private static List<ClinicalEvent> normalized(TestPipeline pipeline, List<Patient> patients) {
    try (TopologyTestDriver intake = pipeline.driver(Role.INTAKE)) {
      TestInputTopic<String, byte[]> raw = pipeline.input(intake, Topics.INTAKE_RAW);
      for (int i = 0; i < patients.size(); i++) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.CONTENT_TYPE_HEADER, "application/hl7-v2".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(new TestRecord<>("m" + i, patients.get(i).er7(i).getBytes(StandardCharsets.UTF_8), headers));
      }
      List<ClinicalEvent> events = pipeline.output(intake, Topics.EVENTS_NORMALIZED).readValuesToList();
      assertThat(events).hasSize(patients.size());
      return events;
    }
  }

  @Test
  void shouldWriteEachOf200PatientsItemsWithOnlyTheirOwnValuesToTheirOwnChartWhenTokensCollide() {
    TestPipeline pipeline = truncated(Map.of("writeback.fhir.base.url", ehr.baseUrl()));
    List<Patient> patients = patients();
    List<ClinicalEvent> events = normalized(pipeline, patients);
    List<DeidentifiedEvent> deidentified;
    List<KeyValue<String, VaultEntry>> vault;
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      events.forEach(e -> pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(e.getEventId(), e));
      deidentified = pipeline.output(deid, Topics.EVENTS_DEIDENTIFIED).readValuesToList();
      vault = pipeline.output(deid, Topics.PHI_VAULT).readKeyValuesToList();
    }
    assertThat(deidentified).hasSize(PATIENTS);
    Map<String, Patient> byEvent = new HashMap<>();
    for (int i = 0; i < PATIENTS; i++) {
      byEvent.put(events.get(i).getEventId(), patients.get(i));
    }
    // the collisions this test is about did happen: patients and values share short tokens
    assertThat(deidentified.stream().map(DeidentifiedEvent::getPatientToken).distinct().count()).isLessThanOrEqualTo(16);
    Map<String, Set<String>> namesByToken = new HashMap<>();
    for (DeidentifiedEvent d : deidentified) {
      String text = text(d);
      assertThat(text).doesNotContain(byEvent.get(d.getEventId()).family(), byEvent.get(d.getEventId()).mrn());
      TOKEN.matcher(text).results().filter(m -> m.group().startsWith("[NAME-")).forEach(m ->
          namesByToken.computeIfAbsent(m.group(), t -> new java.util.HashSet<>()).add(d.getEventId()));
    }
    assertThat(namesByToken.values()).anySatisfy(eventsSharing -> assertThat(eventsSharing).hasSizeGreaterThan(5));

    // every patient has a chart: write-back matches it by MRN before writing
    Map<String, String> charts = new HashMap<>();
    patients.forEach(p -> charts.put(p.mrn(), ehr.addPatient("urn:phigate:patient-key", p.mrn())));
    String run = "rv-coll-" + System.nanoTime() + "-";
    List<WritebackOutcome> outcomes;
    try (TopologyTestDriver writeback = pipeline.driver(Role.WRITEBACK)) {
      var vaultTopic = pipeline.input(writeback, Topics.PHI_VAULT);
      vault.forEach(kv -> vaultTopic.pipeInput(kv.key, kv.value));
      var approvedTopic = pipeline.input(writeback, Topics.REVIEW_APPROVED);
      deidentified.forEach(d -> approvedTopic.pipeInput(run + d.getEventId(), approved(run + d.getEventId(), d)));
      // EHR calls run on write-back's workers; the driver's wall-clock punctuation forwards their outcomes
      var outcomeTopic = pipeline.output(writeback, Topics.EHR_OUTCOMES);
      var dlq = pipeline.output(writeback, Topics.EHR_DLQ);
      List<WritebackOutcome> written = new java.util.ArrayList<>();
      List<WritebackOutcome> dead = new java.util.ArrayList<>();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
        writeback.advanceWallClockTime(java.time.Duration.ofSeconds(1));
        written.addAll(outcomeTopic.readValuesToList());
        dead.addAll(dlq.readValuesToList());
        return written.size() + dead.size() >= deidentified.size();
      });
      outcomes = written;
      assertThat(dead).isEmpty();
    }
    assertThat(outcomes).hasSize(PATIENTS).allSatisfy(o ->
        assertThat(o.getStatus()).isEqualTo(WritebackStatus.WRITTEN));

    Map<String, Task> tasks = ehr.resources("Task").stream().map(Task.class::cast)
        .filter(t -> t.getIdentifierFirstRep().getValue().startsWith(run))
        .collect(Collectors.toMap(t -> t.getIdentifierFirstRep().getValue(), Function.identity()));
    assertThat(tasks).hasSize(PATIENTS);
    for (DeidentifiedEvent d : deidentified) {
      Patient own = byEvent.get(d.getEventId());
      Task task = tasks.get(run + d.getEventId());
      assertThat(task.getFor().getReference()).as("chart of " + own.mrn()).isEqualTo(charts.get(own.mrn()));
      assertThat(task.getDescription()).isEqualTo(own.note());
      patients.stream().filter(p -> p != own).forEach(other -> assertThat(task.getDescription())
          .doesNotContain(other.name(), other.phone(), other.mrn()));
    }
  }

  @Test
  void shouldWriteEachValueAndThePatientOnceHoweverManyEventsRepeatThem() {
    TestPipeline pipeline = truncated(Map.of());
    Patient patient = patients().get(0);
    List<ClinicalEvent> events = normalized(pipeline, List.of(patient, patient, patient));
    List<TestRecord<String, VaultEntry>> written;
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      var input = pipeline.input(deid, Topics.EVENTS_NORMALIZED);
      Instant at = Instant.parse("2026-11-25T12:00:00Z");
      // out of timestamp order on purpose: the third event is the oldest
      input.pipeInput(events.get(0).getEventId(), events.get(0), at);
      input.pipeInput(events.get(1).getEventId(), events.get(1), at.plusSeconds(60));
      input.pipeInput(events.get(2).getEventId(), events.get(2), at.minusSeconds(60));
      written = pipeline.output(deid, Topics.PHI_VAULT).readRecordsToList();
    }
    Map<VaultEntryKind, Long> byKind = written.stream()
        .collect(Collectors.groupingBy(r -> r.value().getKind(), LinkedHashMap::new, Collectors.counting()));
    assertThat(byKind).containsEntry(VaultEntryKind.EVENT_KEYS, 3L).containsEntry(VaultEntryKind.PATIENT, 1L);
    assertThat(written.stream().map(TestRecord::key)).doesNotHaveDuplicates();
    // each event seals its own source message id (vk1:<tenant>:SRC:<event id>); every value is written once
    assertThat(written).filteredOn(r -> r.key().contains(":SRC:")).extracting(r -> r.value().getFirstEventId())
        .containsExactlyInAnyOrderElementsOf(events.stream().map(ClinicalEvent::getEventId).toList());
    assertThat(written).filteredOn(r -> r.value().getKind() == VaultEntryKind.VALUE && !r.key().contains(":SRC:"))
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(r -> assertThat(r.value().getFirstEventId()).isEqualTo(events.get(0).getEventId()));
  }

  private static String text(DeidentifiedEvent event) {
    return event.getTextParts().stream().map(TextPart::getText).collect(Collectors.joining("\n"));
  }

  private static ApprovedResult approved(String reviewId, DeidentifiedEvent event) {
    ReviewItem item = ReviewItem.newBuilder().setReviewId(reviewId).setEventId(event.getEventId())
        .setTenant(event.getTenant()).setWorkflow("result-follow-up").setPatientToken(event.getPatientToken())
        .setModelId("m").setModelVersion("1").setLabel("summary").setConfidence(0.9).setDraftText(text(event))
        .setHeldAt(Instant.parse("2026-11-25T12:00:00Z")).setStatus(ReviewStatus.APPROVED).build();
    return new ApprovedResult(item, ReviewDecision.newBuilder().setReviewId(reviewId)
        .setDecision(DecisionType.APPROVE).setReviewer("dr-7").setReviewerRole("attending")
        .setDecidedAt(Instant.parse("2026-11-25T12:05:00Z")).build());
  }
}
