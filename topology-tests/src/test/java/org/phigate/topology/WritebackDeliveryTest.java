package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.Topics;
import org.phigate.runtime.Role;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.WritebackOutcome;
import org.phigate.schema.WritebackStatus;
import org.phigate.security.FieldCipher;
import org.phigate.writeback.DeliveryPolicy;
import org.phigate.writeback.DeliveryProcessor;
import org.phigate.writeback.WritebackStage;
import org.phigate.writeback.WritebackTopology;
import org.phigate.writeback.WritebackWorkers;

/**
 * Delivery with a fake EHR: retries of 5xx, 429 and timeouts with backoff (in the driver's wall-clock time), a read
 * back after a lost answer, a permanent 400 dead-lettered once and written once on replay, the retry budget, tokens
 * that reach the vault late, and a stalled EHR that never blocks the stream thread.
 */
class WritebackDeliveryTest {
  private static final String NAME = "Zebulonia Quixtrot";
  private static final String MRN = "MRN-000123";
  private final FlakyEhr ehr = new FlakyEhr();
  private final WritebackWorkers workers = new WritebackWorkers(2);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<WritebackOutcome> written = new ArrayList<>();
  private final List<WritebackOutcome> dead = new ArrayList<>();
  private final List<AuditEvent> audit = new ArrayList<>();
  private TestPipeline pipeline;
  private TopologyTestDriver driver;
  private TestInputTopic<String, ApprovedResult> approvals;
  private TestInputTopic<String, VaultEntry> vault;
  private TestOutputTopic<String, WritebackOutcome> outcomesTopic;
  private TestOutputTopic<String, WritebackOutcome> dlqTopic;
  private TestOutputTopic<String, AuditEvent> auditTopic;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
    workers.shutdown();
    Metrics.removeRegistry(meters);
  }

  private void start(Duration budget, Duration vaultWait) {
    Metrics.addRegistry(meters);
    pipeline = new TestPipeline();
    // the fixtures are token-keyed vault entries of items held before the upgrade to vault keys
    WritebackStage stage = new WritebackStage(ehr, pipeline.common.vaultCipher(), null, new AuditEvents("writeback",
        "service:test", "test/writeback", Clock.systemUTC()), TestPipeline.CLOCK, Instant.parse("2026-11-26T00:00:00Z"));
    DeliveryPolicy policy = new DeliveryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), budget, 0, vaultWait);
    driver = pipeline.driver(Role.WRITEBACK, WritebackTopology.build(pipeline.serdes, stage,
        new WritebackTopology.Delivery(workers, policy, 8, Duration.ofMillis(100))));
    approvals = pipeline.input(driver, Topics.REVIEW_APPROVED);
    vault = pipeline.input(driver, Topics.PHI_VAULT);
    outcomesTopic = pipeline.output(driver, Topics.EHR_OUTCOMES);
    dlqTopic = pipeline.output(driver, Topics.EHR_DLQ);
    auditTopic = pipeline.output(driver, Topics.AUDIT_EVENTS);
  }

  private void fillVault() {
    vault.pipeInput("PT-aabbccddeeff", entry("PT-aabbccddeeff", PhiCategory.MRN, MRN));
    vault.pipeInput("[NAME-11223344]", entry("[NAME-11223344]", PhiCategory.NAME, NAME));
  }

  private VaultEntry entry(String token, PhiCategory category, String original) {
    FieldCipher cipher = pipeline.common.vaultCipher();
    return VaultEntry.newBuilder().setToken(token).setTenant("t").setCategory(category)
        .setOriginal(cipher.sealString(original, token)).setFirstEventId("ev-1")
        .setCreatedAt(Instant.parse("2026-11-25T12:00:00Z")).build();
  }

  /** Advances the driver's wall clock by {@code step} per poll (running punctuations) until {@code done}. */
  private void runUntil(Duration step, BooleanSupplier done) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
      driver.advanceWallClockTime(step);
      collect();
      return done.getAsBoolean();
    });
  }

  private void collect() {
    written.addAll(outcomesTopic.readValuesToList());
    dead.addAll(dlqTopic.readValuesToList());
    audit.addAll(auditTopic.readValuesToList());
  }

  private void replay(String reviewId) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeliveryProcessor.REPLAY_HEADER, "0:1".getBytes(StandardCharsets.UTF_8));
    approvals.pipeInput(new TestRecord<>(reviewId, WritebackTopologyTest.approved(reviewId), headers,
        Instant.now()));
  }

  private List<AuditEvent> audited(String subtype) {
    return audit.stream().filter(a -> a.getSubtype().equals(subtype)).toList();
  }

  @Test
  void shouldRetry5xx429AndTimeoutsWithBackoffAndWriteOnce() {
    start(Duration.ofHours(24), Duration.ZERO);
    fillVault();
    ehr.failNext(503, 429, 0);
    approvals.pipeInput("rv-flaky", WritebackTopologyTest.approved("rv-flaky"));

    runUntil(Duration.ofSeconds(30), () -> !written.isEmpty());
    assertThat(written).singleElement().satisfies(o -> {
      assertThat(o.getStatus()).isEqualTo(WritebackStatus.WRITTEN);
      assertThat(o.getAttempts()).isEqualTo(4);
      assertThat(o.getResourceId()).isEqualTo(ehr.stored.get("rv-flaky").resourceId());
    });
    assertThat(dead).isEmpty();
    assertThat(ehr.stored).hasSize(1);
    assertThat(ehr.texts.get("rv-flaky")).isEqualTo("Call " + NAME + " today.");
    assertThat(ehr.finds).as("a read back before each of the 3 retries").hasValue(3);
    assertThat(audited(WritebackStage.AUDIT_ATTEMPT)).extracting(a -> a.getDetails().get("httpStatus"))
        .containsExactly("503", "429", "0");
    assertThat(audited(WritebackStage.AUDIT_ATTEMPT)).allSatisfy(a ->
        assertThat(a.getOutcome()).isEqualTo(AuditOutcome.MINOR_FAILURE));
    assertThat(audited(WritebackStage.AUDIT_CREATE)).singleElement().satisfies(a -> {
      assertThat(a.getDetails()).containsEntry("httpStatus", "201").containsEntry("attempts", "4");
      assertThat(a.getEntities()).anySatisfy(e -> assertThat(e.getWhat()).startsWith("Task/"));
    });
    assertThat(audit.toString()).doesNotContain(NAME).doesNotContain(MRN);
  }

  @Test
  void shouldReadBackAfterALostAnswerInsteadOfWritingAgain() {
    start(Duration.ofHours(24), Duration.ZERO);
    fillVault();
    ehr.failNext(FlakyEhr.LOST_ANSWER);
    approvals.pipeInput("rv-lost", WritebackTopologyTest.approved("rv-lost"));

    runUntil(Duration.ofSeconds(30), () -> !written.isEmpty());
    assertThat(ehr.writes).as("the retry found the Task the lost answer was about").hasValue(1);
    assertThat(written).singleElement().satisfies(o -> {
      assertThat(o.getStatus()).isEqualTo(WritebackStatus.WRITTEN);
      assertThat(o.getAttempts()).isEqualTo(2);
    });
    assertThat(audited(WritebackStage.AUDIT_CREATE)).singleElement()
        .satisfies(a -> assertThat(a.getDetails()).containsEntry("readBack", "true"));
  }

  @Test
  void shouldDeadLetterAPermanent400OnceAndWriteItOnceOnReplay() {
    start(Duration.ofHours(24), Duration.ZERO);
    fillVault();
    ehr.refuse("rv-bad", 400);
    approvals.pipeInput("rv-bad", WritebackTopologyTest.approved("rv-bad"));
    runUntil(Duration.ofMillis(100), () -> !dead.isEmpty());
    assertThat(dead).singleElement().satisfies(o -> {
      assertThat(o.getStatus()).isEqualTo(WritebackStatus.FAILED);
      assertThat(o.getReason()).isEqualTo(WritebackStage.EHR_REJECTED);
      assertThat(o.getHttpStatus()).isEqualTo(400);
      assertThat(o.getAttempts()).isEqualTo(1);
      assertThat(o.getIssues()).containsExactly("error|invalid|MSG_PARAM_INVALID");
    });
    assertThat(meters.get("phigate.ehr.dead.letters").tag("reason", WritebackStage.EHR_REJECTED).tag("status", "400")
        .counter().count()).isEqualTo(1.0);

    // the same approval again is not sent: it was dead-lettered, and only a replay sends it again
    approvals.pipeInput("rv-bad", WritebackTopologyTest.approved("rv-bad"));
    driver.advanceWallClockTime(Duration.ofMinutes(5));
    collect();
    assertThat(ehr.writes).hasValue(1);
    assertThat(dead).hasSize(1);

    ehr.fix("rv-bad");
    replay("rv-bad");
    runUntil(Duration.ofMillis(100), () -> !written.isEmpty());
    assertThat(written).singleElement().satisfies(o -> assertThat(o.getStatus()).isEqualTo(WritebackStatus.WRITTEN));
    replay("rv-bad");
    runUntil(Duration.ofMillis(100), () -> written.size() == 2);
    assertThat(written.get(1).getStatus()).isEqualTo(WritebackStatus.ALREADY_PRESENT);
    assertThat(ehr.stored).hasSize(1);
    assertThat(ehr.writes).as("one refused write, one after the fix; the second replay is answered from the store")
        .hasValue(2);
    assertThat(dead).hasSize(1);
  }

  @Test
  void shouldDeadLetterWhenTheRetryBudgetIsSpent() {
    start(Duration.ofMinutes(10), Duration.ZERO);
    fillVault();
    ehr.failAlways(503);
    approvals.pipeInput("rv-down", WritebackTopologyTest.approved("rv-down"));
    runUntil(Duration.ofSeconds(20), () -> !dead.isEmpty());
    assertThat(dead).singleElement().satisfies(o -> {
      assertThat(o.getReason()).isEqualTo(WritebackStage.EHR_RETRIES_EXHAUSTED);
      assertThat(o.getHttpStatus()).isEqualTo(503);
      assertThat(o.getAttempts()).isGreaterThan(3);
    });
    assertThat(written).isEmpty();
    assertThat(audited(WritebackStage.AUDIT_CREATE)).singleElement()
        .satisfies(a -> assertThat(a.getOutcomeDesc()).isEqualTo(WritebackStage.EHR_RETRIES_EXHAUSTED));
  }

  @Test
  void shouldLookUpATokenMissingFromTheVaultAgainLaterAndDeadLetterItAfterTheWait() {
    start(Duration.ofHours(24), Duration.ofMinutes(2));
    vault.pipeInput("PT-aabbccddeeff", entry("PT-aabbccddeeff", PhiCategory.MRN, MRN));
    approvals.pipeInput("rv-late", WritebackTopologyTest.approved("rv-late"));
    approvals.pipeInput("rv-never", withPatient(WritebackTopologyTest.approved("rv-never"), "PT-000000000000"));
    driver.advanceWallClockTime(Duration.ofSeconds(30));
    collect();
    assertThat(written).isEmpty();
    assertThat(ehr.writes).hasValue(0);

    vault.pipeInput("[NAME-11223344]", entry("[NAME-11223344]", PhiCategory.NAME, NAME));
    runUntil(Duration.ofSeconds(1), () -> !written.isEmpty());
    assertThat(written).singleElement().satisfies(o -> assertThat(o.getReviewId()).isEqualTo("rv-late"));
    runUntil(Duration.ofSeconds(10), () -> !dead.isEmpty());
    assertThat(dead).singleElement().satisfies(o -> {
      assertThat(o.getReviewId()).isEqualTo("rv-never");
      assertThat(o.getReason()).isEqualTo(WritebackStage.PATIENT_TOKEN_UNRESOLVED);
    });
  }

  @Test
  void shouldKeepTheStreamThreadFreeWhileTheEhrStalls() {
    start(Duration.ofHours(24), Duration.ZERO);
    fillVault();
    CountDownLatch stalled = ehr.stall();
    for (int i = 0; i < 20; i++) {
      approvals.pipeInput("rv-stall-" + i, WritebackTopologyTest.approved("rv-stall-" + i));
    }
    driver.advanceWallClockTime(Duration.ofMinutes(1));
    collect();
    assertThat(written).isEmpty();
    stalled.countDown();
    runUntil(Duration.ofMillis(100), () -> written.size() == 20);
    assertThat(ehr.stored).hasSize(20);
    assertThat(written).extracting(WritebackOutcome::getReviewId).doesNotHaveDuplicates();
  }

  @Test
  void shouldForgetSettledItemsAfterTheRetentionAndStillWriteOnce() {
    start(Duration.ofHours(24), Duration.ZERO);
    fillVault();
    approvals.pipeInput("rv-old", WritebackTopologyTest.approved("rv-old"));
    runUntil(Duration.ofMillis(100), () -> written.size() == 1);
    driver.advanceWallClockTime(Duration.ofDays(34));
    approvals.pipeInput("rv-old", WritebackTopologyTest.approved("rv-old"));
    runUntil(Duration.ofMillis(100), () -> written.size() == 2);
    assertThat(ehr.writes).as("still remembered after 34 days").hasValue(1);

    driver.advanceWallClockTime(Duration.ofDays(2));
    approvals.pipeInput("rv-old", WritebackTopologyTest.approved("rv-old"));
    runUntil(Duration.ofMillis(100), () -> written.size() == 3);
    assertThat(ehr.writes).as("forgotten: sent again, and the conditional create finds it").hasValue(2);
    assertThat(written.get(2).getStatus()).isEqualTo(WritebackStatus.ALREADY_PRESENT);
    assertThat(ehr.stored).hasSize(1);
  }

  private static ApprovedResult withPatient(ApprovedResult approved, String patientToken) {
    approved.getItem().setPatientToken(patientToken);
    return approved;
  }
}
