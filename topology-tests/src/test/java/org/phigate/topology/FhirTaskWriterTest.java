package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.it.support.MisbehavingEhr;
import org.phigate.writeback.EhrWriteException;
import org.phigate.writeback.EhrWriter;
import org.phigate.writeback.FhirTaskWriter;

/** The FHIR writer against the in-process server: read back by identifier, and errors reduced to codes. */
class FhirTaskWriterTest {
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

  private static FhirTaskWriter writer(String base) {
    return new FhirTaskWriter(base, 5000, "urn:phigate:review", "urn:phigate:patient-key");
  }

  @Test
  void shouldFindWhatItWroteByIdentifierAndNothingElse() {
    FhirTaskWriter writer = writer(ehr.baseUrl());
    assertThat(writer.find(WritebackTopologyTest.approved("rv-find-1"))).isEmpty();
    EhrWriter.WriteResult written = writer.write(WritebackTopologyTest.approved("rv-find-1"), "Call today.",
        "MRN-1");
    assertThat(written.created()).isTrue();
    assertThat(writer.find(WritebackTopologyTest.approved("rv-find-1"))).hasValueSatisfying(found -> {
      assertThat(found.resourceId()).isEqualTo(written.resourceId());
      assertThat(found.created()).isFalse();
    });
    assertThat(writer.find(WritebackTopologyTest.approved("rv-find-2"))).isEmpty();
  }

  @Test
  void shouldKeepOnlyTheStatusAndIssueCodesOfARefusal() {
    proxy.refuse("rv-refused-1", 422);
    EhrWriteException refused = catchThrowableOfType(EhrWriteException.class, () ->
        writer(proxy.baseUrl()).write(WritebackTopologyTest.approved("rv-refused-1"), "Call today.", "MRN-1"));
    assertThat(refused.httpStatus()).isEqualTo(422);
    assertThat(refused.issues()).containsExactly("error|invalid|MSG_PARAM_INVALID");
    assertThat(refused.getMessage()).doesNotContain(PLANTED);
    assertThat(refused.issues().toString()).doesNotContain(PLANTED);

    proxy.failAll(503);
    try {
      EhrWriteException down = catchThrowableOfType(EhrWriteException.class, () ->
          writer(proxy.baseUrl()).find(WritebackTopologyTest.approved("rv-refused-1")));
      assertThat(down.httpStatus()).isEqualTo(503);
      assertThat(down.retryable()).isTrue();
    } finally {
      proxy.recover();
    }
  }
}
