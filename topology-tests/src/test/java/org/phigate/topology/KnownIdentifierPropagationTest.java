package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.deid.DeidTopology;
import org.phigate.deid.known.KnownIdentifierStore;
import org.phigate.runtime.Role;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.DetectedEvent;
import org.phigate.schema.TextPart;

/**
 * Identifiers a patient's registration declares (PID names, NK1 relative, address, phone) are remembered in the
 * deid role's known-identifier store and found again in the patient's later notes that mention them without a cue;
 * never in another patient's notes; never in plain bytes on an internal topic; carried over to the survivor and
 * erased when the patient is merged.
 */
class KnownIdentifierPropagationTest {
  private static final String CHANGELOG = "phigate-deid-" + KnownIdentifierStore.STORE + "-changelog";
  // cue-less on purpose: the detector alone must not find these names, so only the vault can
  private static final String NOTE = "Okonkwo called back about discharge. Adaeze will drive him home with "
      + "Nwosu. Stairs are a concern for Chidubem.";
  /** Plain values of the registration that must never appear on an internal topic. */
  private static final List<String> SECRETS = List.of("Okonkwo", "Adaeze", "Nwosu", "Chidubem", "Quillfeather",
      "800111", "5550143", "555-0178");
  private static final List<String> NAMES = List.of("Okonkwo", "Adaeze", "Nwosu", "Chidubem");

  private final TestPipeline pipeline = new TestPipeline();

  private static String msh(String type, String controlId) {
    return "MSH|^~\\&|EHR|GENHOSP|PHIGATE|GENHOSP|20261120083000||" + type + "|" + controlId + "|P|2.5\r";
  }

  private static String registration(String mrn) {
    return msh("ADT^A01", "ADT-CTRL-" + mrn.hashCode()) + "EVN|A01|20261120083000\r"
        + "PID|1||" + mrn + "^^^GENHOSP^MR||Okonkwo^Chidubem^^^^^L|Nwosu^Ifeoma|19610304|M|||"
        + "12 Quillfeather Lane^^Springfield^IL^62704||(217)555-0143\r"
        + "NK1|1|Okonkwo^Adaeze|SPO^Spouse|12 Quillfeather Lane^^Springfield^IL^62704|(217)555-0178\r"
        + "PV1|1|I|4W^401^1\r";
  }

  /** A nursing note whose structured part is only the MRN. */
  private static String note(String mrn, String controlId) {
    return msh("ORU^R01", controlId) + "PID|1||" + mrn + "^^^GENHOSP^MR\r"
        + "OBR|1|||NOTE^Nursing note\rOBX|1|TX|NOTE^Nursing note||" + NOTE + "||||||F\r";
  }

  private static String merge(String survivorMrn, String priorMrn) {
    return msh("ADT^A40", "A40-CTRL-1") + "EVN|A40|20261121090000\r"
        + "PID|1||" + survivorMrn + "^^^GENHOSP^MR||Okonkwo^Chidubem\r"
        + "MRG|" + priorMrn + "^^^GENHOSP^MR\r";
  }

  /** Runs the messages through the real intake topology. */
  private List<ClinicalEvent> normalized(String... er7) {
    try (TopologyTestDriver intake = pipeline.driver(Role.INTAKE)) {
      TestInputTopic<String, byte[]> raw = pipeline.input(intake, Topics.INTAKE_RAW);
      for (int i = 0; i < er7.length; i++) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.CONTENT_TYPE_HEADER, "application/hl7-v2".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(new TestRecord<>("m" + i, er7[i].getBytes(StandardCharsets.UTF_8), headers));
      }
      List<ClinicalEvent> events = pipeline.output(intake, Topics.EVENTS_NORMALIZED).readValuesToList();
      assertThat(events).hasSize(er7.length);
      return events;
    }
  }

  private Map<String, DeidentifiedEvent> deidentify(TopologyTestDriver deid, List<ClinicalEvent> events) {
    events.forEach(e -> pipeline.input(deid, Topics.EVENTS_NORMALIZED).pipeInput(e.getEventId(), e));
    return pipeline.output(deid, Topics.EVENTS_DEIDENTIFIED).readValuesToList().stream()
        .collect(Collectors.toMap(DeidentifiedEvent::getEventId, Function.identity()));
  }

  private static String text(DeidentifiedEvent event) {
    return event.getTextParts().stream().map(TextPart::getText).collect(Collectors.joining("\n"));
  }

  private static void assertNoTrace(String text, List<String> values) {
    String lower = text.toLowerCase(Locale.ROOT);
    values.forEach(v -> assertThat(lower).as("redacted text").doesNotContain(v.toLowerCase(Locale.ROOT)));
  }

  @Test
  void shouldRedactIdentifiersRememberedFromTheRegistrationInTheSamePatientsLaterNoteOnly() {
    List<ClinicalEvent> events = normalized(registration("800111"), note("800111", "NOTE-A"),
        note("800222", "NOTE-B"));
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      Map<String, DeidentifiedEvent> out = deidentify(deid, events);
      String noteA = text(out.get(events.get(1).getEventId()));
      String noteB = text(out.get(events.get(2).getEventId()));

      assertNoTrace(noteA, NAMES);
      // the same text in another patient's note: the store adds nothing there, and no other detector finds them
      NAMES.forEach(name -> assertThat(noteB).as("patient B's note").contains(name));

      List<DetectedEvent> detected = pipeline.output(deid, Topics.PHI_DETECTED).readValuesToList();
      assertThat(detected.get(1).getFindings()).extracting(f -> f.getDetector())
          .anySatisfy(d -> assertThat(d).contains("known:vault"));
      assertThat(detected.get(2).getFindings()).extracting(f -> f.getDetector())
          .noneSatisfy(d -> assertThat(d).contains("known:vault"));
      assertThat(detected).extracting(d -> d.getEvent().getEventId())
          .containsExactly(events.stream().map(ClinicalEvent::getEventId).toArray(String[]::new));

      assertInternalTopicsHoldNoPlainPhi(deid);
    }
  }

  @Test
  void shouldFindNothingRememberedWhenTheNoteArrivesBeforeAnyRegistration() {
    List<ClinicalEvent> events = normalized(note("800111", "NOTE-A"));
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      String noteA = text(deidentify(deid, events).get(events.get(0).getEventId()));
      NAMES.forEach(name -> assertThat(noteA).contains(name));
    }
  }

  @Test
  void shouldEraseTheRetiredPatientsEntryWhenPatientsAreMerged() {
    List<ClinicalEvent> events = normalized(registration("800111"), merge("800333", "800111"),
        note("800111", "NOTE-A2"));
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      Map<String, DeidentifiedEvent> out = deidentify(deid, events);
      String priorToken = out.get(events.get(0).getEventId()).getPatientToken();
      // after the merge the retired MRN has no remembered identifiers left
      String noteAfterMerge = text(out.get(events.get(2).getEventId()));
      assertThat(noteAfterMerge).contains("Adaeze").contains("Nwosu");

      List<TestRecord<byte[], byte[]>> changelog = changelog(deid);
      assertThat(changelog).anySatisfy(r -> {
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(priorToken);
        assertThat(r.value()).isNull();
      });
      List<AuditEvent> audit = pipeline.output(deid, Topics.AUDIT_EVENTS).readValuesToList();
      assertThat(audit).filteredOn(a -> a.getSubtype().equals("deid.known.erase")).singleElement()
          .satisfies(a -> {
            assertThat(a.getPatientToken()).isEqualTo(priorToken);
            assertThat(a.getDetails()).containsEntry("reason", "PATIENT_MERGED").containsEntry("existed", "true");
          });
    }
  }

  @Test
  void shouldCarryTheRetiredPatientsIdentifiersOverToTheSurvivorOfAMerge() {
    List<ClinicalEvent> events = normalized(registration("800111"), merge("800333", "800111"),
        note("800333", "NOTE-S"), note("800444", "NOTE-O"));
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      Map<String, DeidentifiedEvent> out = deidentify(deid, events);
      String retiredToken = out.get(events.get(0).getEventId()).getPatientToken();
      String survivorToken = out.get(events.get(1).getEventId()).getPatientToken();
      assertThat(survivorToken).isNotEqualTo(retiredToken);

      // the merge itself declares only the survivor's name; the relative and the maiden name come from the
      // retired identity's registration
      assertNoTrace(text(out.get(events.get(2).getEventId())), NAMES);
      NAMES.forEach(name -> assertThat(text(out.get(events.get(3).getEventId()))).as("another patient's note")
          .contains(name));
      List<DetectedEvent> detected = pipeline.output(deid, Topics.PHI_DETECTED).readValuesToList();
      assertThat(detected.get(2).getFindings()).extracting(f -> f.getDetector())
          .anySatisfy(d -> assertThat(d).contains("known:vault"));

      List<TestRecord<byte[], byte[]>> changelog = changelog(deid);
      assertThat(changelog).filteredOn(r -> new String(r.key(), StandardCharsets.UTF_8).equals(retiredToken))
          .last().satisfies(r -> assertThat(r.value()).as("retired entry").isNull());
      assertThat(changelog).filteredOn(r -> new String(r.key(), StandardCharsets.UTF_8).equals(survivorToken))
          .last().satisfies(r -> assertThat(r.value()).as("survivor entry").isNotNull());
      List<TestRecord<byte[], byte[]>> carried = deid.createOutputTopic("phigate-deid-"
          + DeidTopology.CARRIED_BY_PATIENT + "-repartition", new ByteArrayDeserializer(),
          new ByteArrayDeserializer()).readRecordsToList();
      assertThat(carried).singleElement().satisfies(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
          .isEqualTo(survivorToken));
      List<TestRecord<byte[], byte[]>> internal = new ArrayList<>(changelog);
      internal.addAll(carried);
      for (TestRecord<byte[], byte[]> r : internal) {
        String bytes = new String(r.value() == null ? new byte[0] : r.value(), StandardCharsets.ISO_8859_1);
        SECRETS.forEach(secret -> assertThat(bytes).doesNotContainIgnoringCase(secret));
      }

      List<AuditEvent> audit = pipeline.output(deid, Topics.AUDIT_EVENTS).readValuesToList();
      String mergeId = events.get(1).getEventId();
      assertThat(audit).filteredOn(a -> a.getSubtype().equals("deid.known.erase")).singleElement().satisfies(a -> {
        assertThat(a.getPatientToken()).isEqualTo(retiredToken);
        assertThat(a.getSubjectEventId()).isEqualTo(mergeId);
        assertThat(a.getDetails()).containsEntry("reason", "PATIENT_MERGED")
            .containsEntry("survivorPatientToken", survivorToken).containsEntry("carriedOver", "7");
      });
      assertThat(audit).filteredOn(a -> a.getSubtype().equals("deid.known.merge")).singleElement().satisfies(a -> {
        assertThat(a.getPatientToken()).isEqualTo(survivorToken);
        assertThat(a.getSubjectEventId()).isEqualTo(mergeId);
        assertThat(a.getOutcomeDesc()).isNull();
        assertThat(a.getDetails()).containsEntry("retiredPatientToken", retiredToken).containsEntry("carried", "7");
      });
      audit.forEach(a -> SECRETS.forEach(secret -> assertThat(a.toString()).doesNotContainIgnoringCase(secret)));
    }
  }

  @Test
  void shouldRefuseACarryOverMovedToAnotherPatientOrMalformed() {
    List<ClinicalEvent> events = normalized(registration("800111"), merge("800333", "800111"),
        note("800444", "NOTE-M"));
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      deidentify(deid, events.subList(0, 2));
      String carriedTopic = "phigate-deid-" + DeidTopology.CARRIED_BY_PATIENT + "-repartition";
      TestRecord<String, String> genuine = deid.createOutputTopic(carriedTopic, new StringDeserializer(),
          new StringDeserializer()).readRecord();
      String other = pipeline.common.pseudonymizer().patientToken(pipeline.common.tenant(), "800444");
      pipeline.output(deid, Topics.AUDIT_EVENTS).readValuesToList();
      changelog(deid);

      TestInputTopic<String, String> carried = deid.createInputTopic(carriedTopic, new StringSerializer(),
          new StringSerializer());
      carried.pipeInput(other, genuine.value());
      carried.pipeInput(other, "ev-1|PT-aaaaaaaaaaaa|Okonkwo");

      assertThat(changelog(deid)).as("no entry written").isEmpty();
      List<AuditEvent> audit = pipeline.output(deid, Topics.AUDIT_EVENTS).readValuesToList();
      assertThat(audit).hasSize(2).allSatisfy(a -> {
        assertThat(a.getSubtype()).isEqualTo("deid.known.merge");
        assertThat(a.getOutcomeDesc()).isEqualTo("CARRY_OVER_REFUSED");
        assertThat(a.getPatientToken()).isEqualTo(other);
        assertThat(a.toString()).doesNotContain("Okonkwo");
      });
      assertThat(text(deidentify(deid, events.subList(2, 3)).get(events.get(2).getEventId()))).contains("Adaeze");
    }
  }

  @Test
  void shouldNotLetAnOperatorRequestCarryIdentifiersToAnotherPatient() {
    List<ClinicalEvent> events = normalized(registration("800111"), note("800333", "NOTE-X"));
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      String token = deidentify(deid, events.subList(0, 1)).get(events.get(0).getEventId()).getPatientToken();
      String other = pipeline.common.pseudonymizer().patientToken(pipeline.common.tenant(), "800333");
      pipeline.input(deid, Topics.DEID_ERASURES).pipeInput(token,
          ("PATIENT_MERGED:forged-1|" + other).getBytes(StandardCharsets.UTF_8));

      assertThat(text(deidentify(deid, events.subList(1, 2)).get(events.get(1).getEventId()))).contains("Adaeze");
      List<AuditEvent> audit = pipeline.output(deid, Topics.AUDIT_EVENTS).readValuesToList();
      assertThat(audit).filteredOn(a -> a.getSubtype().equals("deid.known.erase")).singleElement()
          .satisfies(a -> assertThat(a.getDetails()).containsEntry("existed", "true")
              .doesNotContainKey("survivorPatientToken"));
      assertThat(audit).noneMatch(a -> a.getSubtype().equals("deid.known.merge"));
    }
  }

  @Test
  void shouldEraseOnAnOperatorRequestAndRefuseARequestThatDoesNotNameAPatientToken() {
    List<ClinicalEvent> events = normalized(registration("800111"), note("800111", "NOTE-A3"));
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      Map<String, DeidentifiedEvent> out = deidentify(deid, events.subList(0, 1));
      String token = out.get(events.get(0).getEventId()).getPatientToken();
      TestInputTopic<String, byte[]> erasures = pipeline.input(deid, Topics.DEID_ERASURES);
      erasures.pipeInput("800111", "ADMIN_REQUEST:erase-1:user:alice".getBytes(StandardCharsets.UTF_8));
      erasures.pipeInput(token, "ADMIN_REQUEST:erase-2:user:alice".getBytes(StandardCharsets.UTF_8));

      List<AuditEvent> audit = pipeline.output(deid, Topics.AUDIT_EVENTS).readValuesToList().stream()
          .filter(a -> a.getSubtype().equals("deid.known.erase")).toList();
      assertThat(audit).hasSize(2);
      assertThat(audit.get(0).getOutcomeDesc()).isEqualTo("NOT_A_PATIENT_TOKEN");
      assertThat(audit.get(0).toString()).doesNotContain("800111");
      assertThat(audit.get(1).getPatientToken()).isEqualTo(token);
      assertThat(audit.get(1).getSubjectEventId()).isEqualTo("erase-2");
      assertThat(audit.get(1).getAgents()).anySatisfy(a -> assertThat(a.getWho()).isEqualTo("user:alice"));
      assertThat(changelog(deid)).last().satisfies(r -> assertThat(r.value()).isNull());

      String noteAfterErasure = text(deidentify(deid, events.subList(1, 2)).get(events.get(1).getEventId()));
      assertThat(noteAfterErasure).contains("Adaeze");
    }
  }

  @Test
  void shouldDeleteEntriesOfPatientsWithoutEventsForTheRetentionPeriod() {
    List<ClinicalEvent> events = normalized(registration("800111"));
    try (TopologyTestDriver deid = pipeline.driver(Role.DEID)) {
      deidentify(deid, events);
      deid.advanceWallClockTime(Duration.ofDays(364));
      assertThat(changelog(deid)).allSatisfy(r -> assertThat(r.value()).isNotNull());
      deid.advanceWallClockTime(Duration.ofDays(2));
      assertThat(changelog(deid)).singleElement().satisfies(r -> assertThat(r.value()).isNull());
    }
  }

  private List<TestRecord<byte[], byte[]>> changelog(TopologyTestDriver deid) {
    return deid.createOutputTopic(CHANGELOG, new ByteArrayDeserializer(), new ByteArrayDeserializer())
        .readRecordsToList();
  }

  /** The store's changelog and both repartition topics carry tokens and ciphertext only: scan their bytes. */
  private void assertInternalTopicsHoldNoPlainPhi(TopologyTestDriver deid) {
    List<String> internal = new ArrayList<>(List.of(CHANGELOG,
        "phigate-deid-" + DeidTopology.EVENTS_BY_PATIENT + "-repartition"));
    List<TestRecord<byte[], byte[]>> changelog = new ArrayList<>();
    for (String topic : internal) {
      List<TestRecord<byte[], byte[]>> records = deid.createOutputTopic(topic, new ByteArrayDeserializer(),
          new ByteArrayDeserializer()).readRecordsToList();
      assertThat(records).as(topic).isNotEmpty();
      if (topic.equals(CHANGELOG)) {
        changelog.addAll(records);
      }
      for (TestRecord<byte[], byte[]> r : records) {
        String bytes = new String(r.key(), StandardCharsets.ISO_8859_1) + "|"
            + new String(r.value() == null ? new byte[0] : r.value(), StandardCharsets.ISO_8859_1);
        SECRETS.forEach(secret -> assertThat(bytes).as(topic).doesNotContainIgnoringCase(secret));
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).as(topic + " key").startsWith("PT-");
      }
    }
    // patient A (registration, then note) and patient B (note): one entry each, keyed by patient token
    assertThat(changelog).hasSize(3);
    assertThat(changelog.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).distinct()).hasSize(2);
  }
}
