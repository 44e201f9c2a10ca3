package org.phigate.deid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.deid.known.Erasure;
import org.phigate.security.Keys;

class ForgetCommandTest {
  private final CommonConfig common = new CommonConfig(Settings.of(Map.of(CommonConfig.TENANT.name(), "t1",
      CommonConfig.HMAC_KEY.name(), Keys.randomBase64())));

  @Test
  void shouldSendThePatientTokenNeverThePatientKey() {
    ProducerRecord<String, byte[]> request = ForgetCommand.request(common, "800111", null, "ADMIN_REQUEST",
        "user:alice");
    assertThat(request.topic()).isEqualTo(Topics.DEID_ERASURES.name());
    assertThat(request.key()).isEqualTo(common.pseudonymizer().patientToken("t1", "800111"));
    String value = new String(request.value(), StandardCharsets.UTF_8);
    assertThat(value).doesNotContain("800111").startsWith("ADMIN_REQUEST:erase-").endsWith(":user:alice");
    assertThat(Erasure.decode(value).requestor()).isEqualTo("user:alice");
  }

  @Test
  void shouldRefuseSomethingThatIsNotAPatientTokenOrAReasonCode() {
    assertThatThrownBy(() -> ForgetCommand.request(common, null, "800111", "ADMIN_REQUEST", "user:alice"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("800111");
    assertThatThrownBy(() -> ForgetCommand.request(common, "800111", null, "because Okonkwo asked", "user:alice"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("Okonkwo");
  }

  @Test
  void shouldDecodeOnlyPlainCodes() {
    assertThat(Erasure.decode("PATIENT_MERGED:ev-1")).isEqualTo(new Erasure("PATIENT_MERGED", "ev-1", ""));
    assertThat(Erasure.decode("Okonkwo^Adaeze")).isEqualTo(new Erasure("UNSPECIFIED", "unspecified", ""));
    assertThat(Erasure.decode("ADMIN_REQUEST:Okonkwo Adaeze")).extracting(Erasure::reasonCode)
        .isEqualTo("UNSPECIFIED");
    assertThat(Erasure.decode(null).reasonCode()).isEqualTo("UNSPECIFIED");
  }
}
