package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.deid.DeidTopology;
import org.phigate.deid.known.KnownIdentifierStore;
import org.phigate.demo.DemoClients;
import org.phigate.demo.PipelineObserver;
import org.phigate.demo.SampleInput;
import org.phigate.demo.TopicReader;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.TextPart;
import org.phigate.security.Keys;

/**
 * A patient merge on the real broker with four partitions, the retired and the surviving patient's entries on
 * different tasks: the retired identity's remembered names reach the survivor's entry through the carry-over
 * repartition topic, and the survivor's later cue-less note is redacted for them.
 */
class PatientMergeIT {
  private static final int PARTITIONS = 4;
  /** Names only the retired identity's registration declares (the merge itself names the survivor Okonkwo). */
  private static final List<String> RETIRED_ONLY = List.of("Adaeze", "Nwosu");
  // its own broker: these records must not reach the shared broker's topics, which PipelineIT counts exactly
  private static EmbeddedKafkaBroker kafka;
  private static PipelineRuntime runtime;
  private static PipelineObserver observer;
  private static CommonConfig common;
  private static TopicSerdes serdes;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafkaBroker.start();
    Path state = Files.createTempDirectory("phigate-merge-it");
    Map<String, String> settings = new HashMap<>(Map.of(
        CommonConfig.BOOTSTRAP.name(), kafka.bootstrapServers(),
        CommonConfig.TENANT.name(), "merge-it",
        CommonConfig.STATE_DIR.name(), state.toString(),
        CommonConfig.REPLICATION.name(), "1",
        CommonConfig.TOPIC_REPLICATION.name(), "1",
        CommonConfig.TOPIC_PARTITIONS.name(), Integer.toString(PARTITIONS)));
    settings.put(CommonConfig.EVENT_KEY.name(), Keys.randomBase64());
    settings.put(CommonConfig.VAULT_KEY.name(), Keys.randomBase64());
    settings.put(CommonConfig.HMAC_KEY.name(), Keys.randomBase64());
    common = new CommonConfig(Settings.of(settings));
    serdes = new TopicSerdes(new InMemorySchemaRegistry());
    TopicProvisioner.ensureTopics(common);
    runtime = PipelineRuntime.start(List.of(Role.INTAKE, Role.DEID), common, serdes, Clock.systemUTC());
    runtime.awaitRunning(Duration.ofMinutes(2));
    observer = new PipelineObserver(kafka.bootstrapServers(), serdes).start();
  }

  @AfterAll
  static void stop() {
    if (observer != null) {
      observer.close();
    }
    if (runtime != null) {
      runtime.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldCarryTheRetiredIdentityOverToTheSurvivorOnAnotherPartition() {
    String[] pair = mrnsOnDifferentPartitions();
    String retired = pair[0];
    String survivor = pair[1];
    Duration step = Duration.ofMinutes(2);

    publish("registration", registration(retired));
    await().atMost(step).until(() -> observer.auditCount("deid.redact") == 1);
    publish("merge", "MSH|^~\\&|EHR|GENHOSP|PHIGATE|GENHOSP|20261121090000||ADT^A40|A40-IT-1|P|2.5\r"
        + "EVN|A40|20261121090000\rPID|1||" + survivor + "^^^GENHOSP^MR||Okonkwo^Chidubem\r"
        + "MRG|" + retired + "^^^GENHOSP^MR\r");
    await().atMost(step).until(() -> observer.auditCount("deid.known.merge") == 1);
    publish("note", "MSH|^~\\&|EHR|GENHOSP|PHIGATE|GENHOSP|20261122090000||ORU^R01|NOTE-IT-1|P|2.5\r"
        + "PID|1||" + survivor + "^^^GENHOSP^MR\rOBR|1|||NOTE^Nursing note\r"
        + "OBX|1|TX|NOTE^Nursing note||Adaeze will drive him home with Nwosu."
        + "||||||F\r");
    await().atMost(step).until(() -> observer.auditCount("deid.redact") == 3);

    String survivorToken = token(survivor);
    DeidentifiedEvent note = read(Topics.EVENTS_DEIDENTIFIED).stream()
        .filter(e -> e.getPatientToken().equals(survivorToken) && !e.getTextParts().isEmpty())
        .findFirst().orElseThrow();
    String text = note.getTextParts().stream().map(TextPart::getText).reduce("", String::concat);
    RETIRED_ONLY.forEach(v -> assertThat(text).doesNotContain(v));

    List<AuditEvent> audit = read(Topics.AUDIT_EVENTS);
    assertThat(audit).filteredOn(a -> a.getSubtype().equals("deid.known.merge")).singleElement()
        .satisfies(a -> {
          assertThat(a.getPatientToken()).isEqualTo(survivorToken);
          assertThat(a.getDetails()).containsEntry("retiredPatientToken", token(retired));
          assertThat(a.getOutcomeDesc()).isNull();
        });
    assertThat(audit).filteredOn(a -> a.getSubtype().equals("deid.known.erase")).singleElement()
        .satisfies(a -> assertThat(a.getDetails()).containsEntry("existed", "true"));

    for (String internal : List.of("phigate-deid-" + KnownIdentifierStore.STORE + "-changelog",
        "phigate-deid-" + DeidTopology.CARRIED_BY_PATIENT + "-repartition")) {
      StringBuilder bytes = new StringBuilder();
      try (TopicReader reader = new TopicReader(kafka.bootstrapServers())) {
        assertThat(reader.readAll(internal, r -> bytes.append(r.value() == null ? ""
            : new String(r.value(), StandardCharsets.ISO_8859_1)))).as(internal).isPositive();
      }
      List.of("Okonkwo", "Adaeze", "Nwosu", "Quillfeather", retired, survivor)
          .forEach(v -> assertThat(bytes.toString()).as(internal).doesNotContainIgnoringCase(v));
    }
  }

  private static String registration(String mrn) {
    return "MSH|^~\\&|EHR|GENHOSP|PHIGATE|GENHOSP|20261120083000||ADT^A01|ADT-IT-1|P|2.5\r"
        + "EVN|A01|20261120083000\r"
        + "PID|1||" + mrn + "^^^GENHOSP^MR||Okonkwo^Chidubem^^^^^L|Nwosu^Ifeoma|19610304|M|||"
        + "12 Quillfeather Lane^^Springfield^IL^62704||(217)555-0143\r"
        + "NK1|1|Okonkwo^Adaeze|SPO^Spouse|12 Quillfeather Lane^^Springfield^IL^62704|(217)555-0178\r"
        + "PV1|1|I|4W^401^1\r";
  }

  private static void publish(String name, String er7) {
    DemoClients.publish(kafka.bootstrapServers(), List.of(new SampleInput(name,
        er7.getBytes(StandardCharsets.UTF_8), "application/hl7-v2")));
  }

  private static String token(String mrn) {
    return common.pseudonymizer().patientToken(common.tenant(), mrn);
  }

  /** Two MRNs whose patient tokens the producer's default partitioner puts on different partitions. */
  private static String[] mrnsOnDifferentPartitions() {
    String retired = "800111";
    int retiredPartition = partition(token(retired));
    for (int mrn = 800112; ; mrn++) {
      if (partition(token(Integer.toString(mrn))) != retiredPartition) {
        return new String[] {retired, Integer.toString(mrn)};
      }
    }
  }

  private static int partition(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }

  private static <V> List<V> read(Topic<String, V> topic) {
    List<V> values = new ArrayList<>();
    try (TopicReader reader = new TopicReader(kafka.bootstrapServers())) {
      reader.readAll(topic.name(), r -> values.add(serdes.valueSerde(topic).deserializer()
          .deserialize(r.topic(), r.value())));
    }
    return values;
  }
}
