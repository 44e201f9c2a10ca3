package org.phigate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.security.Keys;

class ConfigCommandTest {
  private static final String EVENT_KEY = Keys.randomBase64();
  private static final String JAAS_PASSWORD = "jaas-pw-" + Keys.randomBase64().substring(0, 12);

  @Test
  void shouldDescribeEveryKeyWithWhatItAcceptsAndItsSecrecy() {
    CliRun run = CliRun.of("config", "--describe");
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("crypto.event.key  (string, secret, default: none, env: PHIGATE_CRYPTO_EVENT_KEY, or a file: "
            + "crypto.event.key.file / PHIGATE_CRYPTO_EVENT_KEY_FILE)")
        .contains("deid.detect.name.dictionary  (boolean, default: true, env: PHIGATE_DEID_DETECT_NAME_DICTIONARY)\n"
            + "    accepts: true or false")
        .contains("inference.model  (string, default: embedded, env: PHIGATE_INFERENCE_MODEL)\n"
            + "    accepts: one of embedded")
        .contains("inference.guard.deny.list  (string, secret, default: none");
  }

  @Test
  void shouldShowEffectiveValuesAndOriginsWithSecretsMasked(@TempDir Path dir) throws IOException {
    Path jaas = Files.writeString(dir.resolve("jaas.conf"), "org.example.Login required password=\""
        + JAAS_PASSWORD + "\";");
    Path config = Files.writeString(dir.resolve("x.properties"), String.join("\n",
        "crypto.event.key=" + EVENT_KEY,
        "deid.deny.list=NAME:Fenwhistle",
        "kafka.sasl.jaas.config.file=" + jaas,
        "kafka.ssl.truststore.password=" + JAAS_PASSWORD,
        "kafka.security.protocol=SASL_SSL",
        "role.deid.kafka.ssl.keystore.password=" + JAAS_PASSWORD,
        "role.deid.kafka.ssl.keystore.location=/run/secrets/deid.p12",
        "phigate.tenant=general-hospital", ""));

    CliRun run = CliRun.of("config", "--show", "--config", config.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("phigate.tenant = general-hospital   [file " + config + "]")
        .contains("streams.num.stream.threads = 1   [default]")
        .contains("crypto.event.key = <secret: set>   [file " + config + "]")
        .contains("crypto.vault.key = <secret: unset>   [default]")
        .contains("deid.deny.list = <secret: set>")
        .contains("kafka.security.protocol = SASL_SSL")
        .contains("kafka.sasl.jaas.config = <secret: set>   [file " + config + " (kafka.sasl.jaas.config.file) -> "
            + jaas + "]")
        .contains("kafka.ssl.truststore.password = <secret: set>")
        .contains("role.deid.kafka.ssl.keystore.password = <secret: set>")
        .contains("role.deid.kafka.ssl.keystore.location = /run/secrets/deid.p12")
        .doesNotContain(EVENT_KEY).doesNotContain(JAAS_PASSWORD).doesNotContain("Fenwhistle");
    assertThat(run.err()).doesNotContain(EVENT_KEY).doesNotContain(JAAS_PASSWORD);
  }

  @Test
  void shouldCheckAConfigForRolesAsRunDoes(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("x.properties"), "crypto.event.key=" + EVENT_KEY + "\n");
    assertThat(CliRun.of("config", "--check", "--role", "intake", "--config", config.toString()).out())
        .contains("configuration OK for roles [intake]");
    CliRun deid = CliRun.of("config", "--check", "--role", "deid", "--config", config.toString());
    assertThat(deid.exit()).isEqualTo(2);
    assertThat(deid.err()).contains("crypto.vault.key is not set: required by role deid").doesNotContain(EVENT_KEY);
  }
}
