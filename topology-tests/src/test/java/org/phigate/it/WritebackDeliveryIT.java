package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
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
import org.phigate.schema.DecisionType;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackOutcome;
import org.phigate.schema.WritebackStatus;
import org.phigate.security.FieldCipher;
import org.phigate.writeback.WritebackStage;

/**
 * The write-back role on a real KRaft broker and registry, against the in-process FHIR server behind a proxy that
 * answers HTTP 500 to everything for a while and then recovers: every approved item ends in the EHR exactly once
 * (counted by identifier), nothing is dead-lettered for the outage; a permanent 400 ends in phigate.ehr.dlq with its
 * status and the OperationOutcome's codes only, and `phigate dlq replay --queue ehr` after the fix writes it once.
 */
class WritebackDeliveryIT {
  private static final int ITEMS = 60;
  private static final String NAME = "Zebulonia Quixtrot";
  private static final String MRN = "MRN-IT-551177";
  private static final String PLANTED = "Adaeze Okonkwo-Brightwater";
  private static final String PATIENT = "PT-5a5b5c5d5e5f";
  private static final String NAME_TOKEN = "[NAME-6a6b6c6d]";
  private static final Closer STARTED = new Closer();
  private static EmbeddedFhirServer ehr;
  private static MisbehavingEhr proxy;
  private static PipelineRuntime runtime;
  private static CatalogTopics topics;
  private static CommonConfig common;
  private static Path config;

  @BeforeAll
  static void start() throws Exception {
    Path state = Files.createTempDirectory("phigate-wb-delivery");
    // its own broker: this test's outcomes and dead letters must not show up in other ITs' topics
    EmbeddedKafkaBroker kafka = STARTED.add(EmbeddedKafkaBroker.start());
    String registryUrl = SharedServices.apicurio().ccompatUrl();
    ehr = STARTED.add(EmbeddedFhirServer.start());
    ehr.addPatient("urn:phigate:patient-key", MRN);
    proxy = STARTED.add(MisbehavingEhr.start(ehr.baseUrl(), PLANTED));
    Map<String, String> settings = WritebackRoleFixture.settings(kafka.bootstrapServers(), registryUrl,
        "it-hospital", state, proxy.baseUrl());
    settings.putAll(Map.of(
        "writeback.retry.backoff.ms", "200",
        "writeback.retry.max.backoff.ms", "1000",
        "writeback.punctuate.ms", "50"));
    // token-keyed vault fixtures: items held before the cut-off use them (as items pending at the upgrade do)
    settings.put("writeback.vault.legacy.before", Instant.now().plus(Duration.ofDays(1)).toString());
    common = new CommonConfig(Settings.of(settings));
    config = state.resolve("phigate.properties");
    Properties file = new Properties();
    file.putAll(settings);
    try (var out = Files.newBufferedWriter(config)) {
      file.store(out, "WritebackDeliveryIT");
    }
    TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registryUrl));
    topics = STARTED.add(new CatalogTopics(kafka.bootstrapServers(), serdes));
    runtime = STARTED.add(WritebackRoleFixture.start(common, serdes));
  }

  @AfterAll
  static void stop() throws Exception {
    STARTED.close();
  }

  @Test
  void shouldWriteEveryItemOnceThroughAnOutageAndReplayARefusedOneOnce() throws Exception {
    FieldCipher vault = common.vaultCipher();
    proxy.failAll(500);
    proxy.refuse("rv-refused", 400);
    topics.send(Topics.PHI_VAULT, PATIENT, entry(PATIENT, PhiCategory.MRN, MRN, vault));
    topics.send(Topics.PHI_VAULT, NAME_TOKEN, entry(NAME_TOKEN, PhiCategory.NAME, NAME, vault));
    for (int i = 0; i < ITEMS; i++) {
      topics.send(Topics.REVIEW_APPROVED, "rv-outage-" + i, approved("rv-outage-" + i));
    }
    topics.send(Topics.REVIEW_APPROVED, "rv-refused", approved("rv-refused"));
    // every item met the outage at least once, and was retried while the stream thread kept running
    await().atMost(Duration.ofMinutes(2)).until(() -> audits(WritebackStage.AUDIT_ATTEMPT) >= 2 * ITEMS);
    assertThat(runtime.states()).containsEntry(Role.WRITEBACK, KafkaStreams.State.RUNNING);
    assertThat(topics.read(Topics.EHR_OUTCOMES)).isEmpty();
    proxy.recover();

    await().atMost(Duration.ofMinutes(2)).until(() -> topics.read(Topics.EHR_OUTCOMES).size() >= ITEMS);
    Map<String, Long> tasks = tasksByIdentifier();
    for (int i = 0; i < ITEMS; i++) {
      assertThat(tasks.get("rv-outage-" + i)).as("Tasks of rv-outage-" + i).isEqualTo(1L);
    }
    assertThat(topics.read(Topics.EHR_OUTCOMES)).hasSize(ITEMS).extracting(WritebackOutcome::getStatus)
        .isSubsetOf(WritebackStatus.WRITTEN, WritebackStatus.ALREADY_PRESENT);
    List<WritebackOutcome> dead = topics.read(Topics.EHR_DLQ);
    assertThat(dead).singleElement().satisfies(o -> {
      assertThat(o.getReviewId()).isEqualTo("rv-refused");
      assertThat(o.getReason()).isEqualTo(WritebackStage.EHR_REJECTED);
      assertThat(o.getHttpStatus()).isEqualTo(400);
      assertThat(o.getIssues()).containsExactly("error|invalid|MSG_PARAM_INVALID");
    });
    assertThat(tasks).doesNotContainKey("rv-refused");

    proxy.accept("rv-refused");
    String replayed = DemoAuditChecks.cli("dlq", "replay", "--queue", "ehr", "rv-refused", "--config",
        config.toString());
    assertThat(replayed).startsWith("exit 0").contains("rv-refused");
    await().atMost(Duration.ofMinutes(1)).until(() -> tasksByIdentifier().getOrDefault("rv-refused", 0L) == 1L);
    // a second replay is answered from the idempotency record: nothing new reaches the EHR
    assertThat(DemoAuditChecks.cli("dlq", "replay", "--queue", "ehr", "rv-refused", "--config", config.toString()))
        .startsWith("exit 0");
    await().atMost(Duration.ofMinutes(1)).until(() -> topics.read(Topics.EHR_OUTCOMES).stream()
        .filter(o -> o.getReviewId().equals("rv-refused")).count() == 2);
    assertThat(tasksByIdentifier().get("rv-refused")).isEqualTo(1L);
    assertThat(ehr.resourceCount("Task")).isEqualTo(ITEMS + 1);
    assertThat(topics.read(Topics.EHR_DLQ)).hasSize(1);
    assertThat(DemoAuditChecks.cli("dlq", "list", "--queue", "ehr", "--config", config.toString()))
        .contains("rv-refused", "EHR_REJECTED", "400", "1 EHR dead letters");

    List<String> phi = List.of(NAME, MRN, PLANTED, "Okonkwo-Brightwater");
    for (Topic<String, ?> topic : List.of(Topics.EHR_DLQ, Topics.EHR_OUTCOMES, Topics.AUDIT_EVENTS)) {
      String records = topics.read(topic).toString();
      assertThat(phi).as("PHI in " + topic.name()).noneMatch(records::contains);
    }
    System.out.printf("[WritebackDeliveryIT] %d items through an outage (%d error answers), %d Tasks, 1 dead "
        + "letter replayed once%n", ITEMS, proxy.errorsSent(), ehr.resourceCount("Task"));
  }

  private static long audits(String subtype) {
    return topics.read(Topics.AUDIT_EVENTS).stream().map(AuditEvent::getSubtype).filter(subtype::equals).count();
  }

  private static Map<String, Long> tasksByIdentifier() {
    return ehr.resources("Task").stream().map(r -> ((Task) r).getIdentifierFirstRep().getValue())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static VaultEntry entry(String token, PhiCategory category, String original, FieldCipher cipher) {
    return VaultEntry.newBuilder().setToken(token).setTenant("it-hospital").setCategory(category)
        .setOriginal(cipher.sealString(original, token)).setFirstEventId("ev-vault")
        .setCreatedAt(Instant.now()).build();
  }

  static ApprovedResult approved(String reviewId) {
    ReviewItem item = ReviewItem.newBuilder().setReviewId(reviewId).setEventId("ev-" + reviewId)
        .setTenant("it-hospital").setWorkflow("message-triage").setPatientToken(PATIENT).setModelId("m")
        .setModelVersion("1").setLabel("urgent-clinical").setConfidence(0.9)
        .setDraftText("Call " + NAME_TOKEN + " today.").setHeldAt(Instant.now()).setStatus(ReviewStatus.APPROVED)
        .setResultStatus(ResultStatus.OK).build();
    return new ApprovedResult(item, ReviewDecision.newBuilder().setReviewId(reviewId)
        .setDecision(DecisionType.APPROVE).setReviewer("dr-it").setReviewerRole("attending")
        .setDecidedAt(Instant.now()).build());
  }
}
