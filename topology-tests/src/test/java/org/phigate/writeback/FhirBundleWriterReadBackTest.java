package org.phigate.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.it.support.MisbehavingEhr;
import org.phigate.writeback.fhir.FhirBundleWriter;
import org.phigate.writeback.fhir.WritebackSamples;

/**
 * The bundle writer's side of delivery, over HTTP: read back by the main resource's identifier (what a retry does
 * before writing again), and a refusal reduced to its status and issue codes.
 */
class FhirBundleWriterReadBackTest {
  private static final String MRN = "MRN-RB-0042";
  private static final String PLANTED = "Zebulonia Quixtrot";
  private static EmbeddedFhirServer ehr;
  private static MisbehavingEhr proxy;

  @BeforeAll
  static void start() throws Exception {
    ehr = EmbeddedFhirServer.start();
    proxy = MisbehavingEhr.start(ehr.baseUrl(), PLANTED);
  }

  @AfterAll
  static void stop() {
    proxy.close();
    ehr.close();
  }

  @BeforeEach
  void freshChart() {
    ehr.clear();
    ehr.addPatient(WritebackSamples.MRN_SYSTEM, MRN);
  }

  private static FhirBundleWriter writer(String base) {
    return FhirBundleWriter.create(base, 5000, WritebackSamples.settings(),
        Clock.fixed(Instant.parse("2026-11-25T12:06:00Z"), ZoneOffset.UTC));
  }

  @Test
  void shouldFindTheTaskOrDocumentItWroteByIdentifierAndNothingElse() {
    FhirBundleWriter writer = writer(ehr.baseUrl());
    EhrWriter.WriteRequest triage = WritebackSamples.request("message-triage", "rv-find-1", MRN, false);
    assertThat(writer.find(triage.approved())).isEmpty();
    EhrWriter.WriteResult written = writer.write(triage);
    assertThat(written.created()).isTrue();
    assertThat(writer.find(triage.approved())).hasValueSatisfying(found -> {
      assertThat(found.resourceType()).isEqualTo("Task");
      assertThat(found.resourceId()).isEqualTo(written.resourceId());
      assertThat(found.created()).isFalse();
    });
    assertThat(writer.find(WritebackSamples.request("message-triage", "rv-find-2", MRN, false).approved()))
        .isEmpty();

    EhrWriter.WriteRequest summary = WritebackSamples.request("note-summary", "rv-find-3", MRN, false);
    assertThat(writer.find(summary.approved())).isEmpty();
    EhrWriter.WriteResult document = writer.write(summary);
    assertThat(writer.find(summary.approved())).hasValueSatisfying(found -> {
      assertThat(found.resourceType()).isEqualTo("DocumentReference");
      assertThat(found.resourceId()).isEqualTo(document.resourceId());
    });
  }

  @Test
  void shouldKeepOnlyTheStatusAndIssueCodesOfARefusal() {
    EhrWriter.WriteRequest request = WritebackSamples.request("message-triage", "rv-refused-1", MRN, false);
    proxy.refuse("rv-refused-1", 422);
    try {
      EhrWriteException refused = catchThrowableOfType(EhrWriteException.class, () ->
          writer(proxy.baseUrl()).write(request));
      assertThat(refused.httpStatus()).isEqualTo(422);
      assertThat(refused.reasonCode()).isNull();
      assertThat(refused.issues()).containsExactly("error|invalid|MSG_PARAM_INVALID");
      assertThat(refused.getMessage()).doesNotContain(PLANTED);
      assertThat(refused.issues().toString()).doesNotContain(PLANTED);
    } finally {
      proxy.accept("rv-refused-1");
    }

    proxy.failAll(503);
    try {
      EhrWriteException down = catchThrowableOfType(EhrWriteException.class, () ->
          writer(proxy.baseUrl()).find(request.approved()));
      assertThat(down.httpStatus()).isEqualTo(503);
      assertThat(down.retryable()).isTrue();
    } finally {
      proxy.recover();
    }
  }

  @Test
  void shouldRefuseWithAReasonCodeWhenNoChartCarriesTheMrn() {
    EhrWriteException missing = catchThrowableOfType(EhrWriteException.class, () ->
        writer(ehr.baseUrl()).write(WritebackSamples.request("message-triage", "rv-nochart", "MRN-NONE", false)));
    assertThat(missing.retryable()).isFalse();
    assertThat(missing.reasonCode()).isEqualTo(EhrWriteException.PATIENT_NOT_FOUND);
  }
}
