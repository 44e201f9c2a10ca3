package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.it.support.CatalogTopics;
import org.phigate.it.support.Closer;
import org.phigate.it.support.MisbehavingEhr;
import org.phigate.it.support.SharedServices;
import org.phigate.it.support.WritebackRoleFixture;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.DecisionType;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackOutcome;
import org.phigate.schema.WritebackStatus;
import org.phigate.security.FieldCipher;
import org.phigate.security.Keys;

/**
 * The write-back role on the real KRaft broker and registry, logging through the shipped log4j2.xml into a file:
 * an approved result whose vault entry was sealed under another key, and one whose write makes HAPI's client throw
 * (the EHR answers with a resource type named after a patient, which the parser quotes in its exception message),
 * each end in phigate.ehr.dlq with a reason code and an audit event; the role stays RUNNING and writes the next
 * approval; the log file holds none of the PHI fed in, the planted parser text included.
 */
class WritebackFailuresIT {
  private static final String NAME = "Zebulonia Quixtrot";
  private static final String MRN = "MRN-IT-884422";
  private static final String PLANTED = "Adaeze Okonkwo-Brightwater";
  private static final String GOOD_PATIENT = "PT-0a0b0c0d0e0f";
  private static final String BAD_KEY_PATIENT = "PT-1a1b1c1d1e1f";
  private static final String NAME_TOKEN = "[NAME-5e6f7a8b]";
  private static final Closer STARTED = new Closer();
  private static EmbeddedFhirServer ehr;
  private static MisbehavingEhr misbehaving;
  private static PipelineRuntime runtime;
  private static CatalogTopics topics;
  private static CommonConfig common;
  private static Path logFile;
  private static URI testLogConfig;

  @BeforeAll
  static void start() throws Exception {
    Path state = Files.createTempDirectory("phigate-wb-failures");
    logFile = state.resolve("phigate.log");
    useShippedLogConfig(logFile);
    // its own broker: the dead letters this test makes must not show up in other ITs' topics (a second broker in
    // the JVM starts in well under a second)
    EmbeddedKafkaBroker kafka = STARTED.add(EmbeddedKafkaBroker.start());
    String registryUrl = SharedServices.apicurio().ccompatUrl();
    ehr = STARTED.add(EmbeddedFhirServer.start());
    ehr.addPatient("urn:phigate:patient-key", MRN);
    misbehaving = STARTED.add(MisbehavingEhr.start(ehr.baseUrl(), PLANTED));
    misbehaving.poison("rv-it-garbage");
    Map<String, String> settings = WritebackRoleFixture.settings(kafka.bootstrapServers(), registryUrl,
        "it-hospital", state, misbehaving.baseUrl());
    // the entries below are keyed by token, as before vault keys: items held before the upgrade
    settings.put("writeback.vault.legacy.before", Instant.now().plus(Duration.ofDays(1)).toString());
    common = new CommonConfig(Settings.of(settings));
    TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registryUrl));
    topics = STARTED.add(new CatalogTopics(kafka.bootstrapServers(), serdes));
    runtime = STARTED.add(WritebackRoleFixture.start(common, serdes));
  }

  /** Points Log4j at the log4j2.xml pipeline-app ships (not the test config), writing to {@code file}. */
  private static void useShippedLogConfig(Path file) throws Exception {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    testLogConfig = context.getConfigLocation();
    System.setProperty("phigate.log.file", file.toString());
    context.setConfigLocation(PipelineRuntime.class.getResource("/log4j2.xml").toURI());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      STARTED.close();
    } finally {
      System.clearProperty("phigate.log.file");
      if (testLogConfig != null) {
        ((LoggerContext) LogManager.getContext(false)).setConfigLocation(testLogConfig);
      }
    }
  }

  @Test
  void shouldDeadLetterCryptoAndClientFailuresKeepRunningAndLogNoPhi() throws Exception {
    FieldCipher vault = common.vaultCipher();
    FieldCipher otherKey = new CommonConfig(Settings.of(Map.of(CommonConfig.VAULT_KEY.name(), Keys.randomBase64())))
        .vaultCipher();
    topics.send(Topics.PHI_VAULT, GOOD_PATIENT, entry(GOOD_PATIENT, PhiCategory.MRN, MRN, vault));
    topics.send(Topics.PHI_VAULT, BAD_KEY_PATIENT, entry(BAD_KEY_PATIENT, PhiCategory.MRN, MRN, otherKey));
    topics.send(Topics.PHI_VAULT, NAME_TOKEN, entry(NAME_TOKEN, PhiCategory.NAME, NAME, vault));
    topics.send(Topics.REVIEW_APPROVED, "rv-it-crypto", approved("rv-it-crypto", BAD_KEY_PATIENT));
    topics.send(Topics.REVIEW_APPROVED, "rv-it-garbage", approved("rv-it-garbage", GOOD_PATIENT));
    topics.send(Topics.REVIEW_APPROVED, "rv-it-ok", approved("rv-it-ok", GOOD_PATIENT));

    await().atMost(Duration.ofMinutes(2)).until(() -> topics.read(Topics.EHR_OUTCOMES).size() == 1
        && topics.read(Topics.EHR_DLQ).size() == 2);
    List<WritebackOutcome> dead = topics.read(Topics.EHR_DLQ);
    assertThat(dead).extracting(WritebackOutcome::getReviewId, WritebackOutcome::getStatus,
        WritebackOutcome::getReason).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("rv-it-crypto", WritebackStatus.FAILED, "CRYPTO_FAILED"),
            org.assertj.core.groups.Tuple.tuple("rv-it-garbage", WritebackStatus.FAILED, "EHR_CLIENT_FAILED"));
    assertThat(topics.read(Topics.EHR_OUTCOMES).get(0).getReviewId()).isEqualTo("rv-it-ok");
    assertThat(ehr.resources("Task")).extracting(r -> ((Task) r).getIdentifierFirstRep().getValue())
        .contains("rv-it-ok");

    List<AuditEvent> audit = topics.read(Topics.AUDIT_EVENTS).stream()
        .filter(a -> a.getSubjectEventId().startsWith("ev-rv-it-")).toList();
    assertThat(audit).filteredOn(a -> a.getOutcome() == AuditOutcome.SERIOUS_FAILURE)
        .extracting(AuditEvent::getSubjectEventId, AuditEvent::getOutcomeDesc).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("ev-rv-it-crypto", "CRYPTO_FAILED"),
            org.assertj.core.groups.Tuple.tuple("ev-rv-it-garbage", "EHR_CLIENT_FAILED"));
    assertThat(runtime.states()).containsEntry(Role.WRITEBACK, KafkaStreams.State.RUNNING);

    Set<String> phi = Set.of(NAME, "Zebulonia", "Quixtrot", MRN, PLANTED, "Okonkwo-Brightwater");
    String log = Files.readString(logFile, StandardCharsets.UTF_8);
    // the scan reads what this role logged through the shipped layout: the failures are there, by code and class
    assertThat(log).contains("rv-it-crypto", "CRYPTO_FAILED", "EHR_CLIENT_FAILED",
        "ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException caused by "
            + "ca.uhn.fhir.parser.DataFormatException");
    assertThat(phi).noneMatch(log::contains);
    for (Topic<String, ?> topic : List.of(Topics.EHR_DLQ, Topics.EHR_OUTCOMES, Topics.AUDIT_EVENTS)) {
      String records = topics.read(topic).toString();
      assertThat(phi).as("PHI in " + topic.name()).noneMatch(records::contains);
    }
  }

  private static VaultEntry entry(String token, PhiCategory category, String original, FieldCipher cipher) {
    return VaultEntry.newBuilder().setToken(token).setTenant("it-hospital").setCategory(category)
        .setOriginal(cipher.sealString(original, token)).setFirstEventId("ev-vault")
        .setCreatedAt(Instant.now()).build();
  }

  private static ApprovedResult approved(String reviewId, String patientToken) {
    ReviewItem item = ReviewItem.newBuilder().setReviewId(reviewId).setEventId("ev-" + reviewId)
        .setTenant("it-hospital").setWorkflow("message-triage").setPatientToken(patientToken).setModelId("m")
        .setModelVersion("1").setLabel("urgent-clinical").setConfidence(0.9)
        .setDraftText("Call " + NAME_TOKEN + " today.").setHeldAt(Instant.now()).setStatus(ReviewStatus.APPROVED)
        .build();
    return new ApprovedResult(item, ReviewDecision.newBuilder().setReviewId(reviewId)
        .setDecision(DecisionType.APPROVE).setReviewer("dr-it").setReviewerRole("attending")
        .setDecidedAt(Instant.now()).build());
  }
}
