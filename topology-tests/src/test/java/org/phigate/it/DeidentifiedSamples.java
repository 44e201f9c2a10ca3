package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.demo.SampleInput;
import org.phigate.runtime.Role;
import org.phigate.runtime.RoleTopologies;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.VaultEntry;
import org.phigate.security.VaultKeys;
import org.phigate.streams.StreamsProperties;

/**
 * The shipped HL7 v2 samples run through the intake and deid topologies in this JVM (TopologyTestDriver, with the
 * test's keys), so the vault holds what deid really writes: the first patients whose event has a name token, and
 * every vault entry deid wrote on the way.
 */
final class DeidentifiedSamples {
  /** A patient's de-identified event, its name token, the name it stands for and the MRN deid sealed. */
  record Patient(DeidentifiedEvent event, String nameToken, String name, String mrn) {}

  private final List<Patient> patients = new ArrayList<>();
  private final List<VaultEntry> vault = new ArrayList<>();
  private final CommonConfig common;
  private final TopicSerdes serdes;

  private DeidentifiedSamples(CommonConfig common, TopicSerdes serdes) {
    this.common = common;
    this.serdes = serdes;
  }

  /** Runs samples until {@code count} distinct patients with a name token and an MRN are found. */
  static DeidentifiedSamples of(CommonConfig common, TopicSerdes serdes, int count) {
    DeidentifiedSamples samples = new DeidentifiedSamples(common, serdes);
    samples.run(count);
    assertThat(samples.patients).as("shipped HL7 v2 samples with a patient and a name").hasSize(count);
    return samples;
  }

  List<Patient> patients() {
    return List.copyOf(patients);
  }

  /** Every vault entry deid wrote for the samples it ran. */
  List<VaultEntry> vault() {
    return List.copyOf(vault);
  }

  private void run(int count) {
    Clock clock = Clock.systemUTC();
    Set<String> seenPatients = new HashSet<>();
    try (TopologyTestDriver intake = driver(Role.INTAKE, clock); TopologyTestDriver deid = driver(Role.DEID, clock)) {
      var raw = intake.createInputTopic(Topics.INTAKE_RAW.name(), serdes.keySerde(Topics.INTAKE_RAW).serializer(),
          serdes.valueSerde(Topics.INTAKE_RAW).serializer());
      var normalized = intake.createOutputTopic(Topics.EVENTS_NORMALIZED.name(),
          serdes.keySerde(Topics.EVENTS_NORMALIZED).deserializer(),
          serdes.valueSerde(Topics.EVENTS_NORMALIZED).deserializer());
      var deidIn = deid.createInputTopic(Topics.EVENTS_NORMALIZED.name(),
          serdes.keySerde(Topics.EVENTS_NORMALIZED).serializer(),
          serdes.valueSerde(Topics.EVENTS_NORMALIZED).serializer());
      var deidentified = deid.createOutputTopic(Topics.EVENTS_DEIDENTIFIED.name(),
          serdes.keySerde(Topics.EVENTS_DEIDENTIFIED).deserializer(),
          serdes.valueSerde(Topics.EVENTS_DEIDENTIFIED).deserializer());
      var vaultOut = deid.createOutputTopic(Topics.PHI_VAULT.name(), serdes.keySerde(Topics.PHI_VAULT).deserializer(),
          serdes.valueSerde(Topics.PHI_VAULT).deserializer());
      for (SampleInput input : SampleInput.shipped()) {
        if (patients.size() == count) {
          break;
        }
        if (!input.format().equals("HL7 v2")) {
          continue;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.CONTENT_TYPE_HEADER, input.contentType().getBytes(StandardCharsets.UTF_8));
        raw.pipeInput(new TestRecord<>(input.name(), input.payload(), headers));
        if (normalized.isEmpty()) {
          continue; // dead-lettered by intake
        }
        var event = normalized.readValue();
        deidIn.pipeInput(event.getEventId(), event);
        if (deidentified.isEmpty()) {
          continue; // dead-lettered by deid
        }
        DeidentifiedEvent out = deidentified.readValue();
        List<VaultEntry> entries = vaultOut.readValuesToList();
        vault.addAll(entries);
        var name = out.getFields().stream().filter(f -> f.getCategory() == PhiCategory.NAME).findFirst();
        if (name.isEmpty() || !seenPatients.add(out.getPatientToken())) {
          continue;
        }
        String token = name.get().getReplacement();
        String original = opened(entries, token);
        String mrn = opened(entries, out.getPatientToken());
        if (original != null && mrn != null) {
          patients.add(new Patient(out, token, original, mrn));
        }
      }
    }
  }

  /** The original value deid sealed in the vault for this token; null when it wrote no entry for it. */
  private String opened(List<VaultEntry> entries, String token) {
    return entries.stream().filter(v -> VaultKeys.standsFor(v.getToken(), common.tenant(), token)).findFirst()
        .map(v -> common.vaultCipher().openString(v.getOriginal(), v.getToken())).orElse(null);
  }

  private TopologyTestDriver driver(Role role, Clock clock) {
    Properties props = StreamsProperties.forRole(role.config(common),
        RoleTopologies.deadLetters(role, common, serdes, clock));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, common.stateDir() + "/ttd-" + role.id());
    return new TopologyTestDriver(RoleTopologies.build(role, common, serdes, clock), props);
  }
}
