package org.phigate.compliance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.phigate.audit.archive.SigningKeys;
import org.phigate.embedded.LocalCa;
import org.phigate.runtime.Role;
import org.phigate.security.Keys;

/**
 * Config files for the compliance check: the demo's plaintext settings (as {@code DemoRunner.demoSettings} sets
 * them: PLAINTEXT broker, inline random keys, plain-HTTP edges on loopback, the local OIDC issuer, a local archive
 * directory), and a secured config with every secret in an owner-only file and certificates from the testkit CA.
 */
final class ComplianceFixtures {
  static final String STORE_PASSWORD = "store-password-not-in-any-report";

  private ComplianceFixtures() {}

  /** The demo's settings, written as the properties file the demo keeps in memory. */
  static Path demoPlaintext(Path dir) {
    Path signingKey = dir.resolve("audit-signing.key");
    writeSigningKey(signingKey);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("kafka.bootstrap.servers", "127.0.0.1:39092");
    p.put("schema.registry.url", "http://127.0.0.1:39081/apis/ccompat/v7");
    p.put("phigate.tenant", "demo");
    p.put("phigate.instance.id", "phigate-demo");
    p.put("streams.state.dir", dir.resolve("state").toString());
    p.put("streams.replication.factor", "1");
    p.put("topics.replication.factor", "1");
    p.put("topics.partitions", "2");
    p.put("crypto.event.key", Keys.randomBase64());
    p.put("crypto.vault.key", Keys.randomBase64());
    p.put("crypto.hmac.key", Keys.randomBase64());
    p.put("crypto.review.key", Keys.randomBase64());
    p.put("review.decision.mac.key", Keys.randomBase64());
    p.put("writeback.fhir.base.url", "http://127.0.0.1:39080/fhir");
    p.put("archiver.dir", dir.resolve("audit-archive").toString());
    p.put("archiver.signing.key.file", signingKey.toString());
    p.put("intake.mllp.bind.address", "127.0.0.1");
    p.put("intake.mllp.port", "39575");
    p.put("intake.rest.bind.address", "127.0.0.1");
    p.put("intake.rest.port", "39576");
    p.put("review.api.bind.address", "127.0.0.1");
    p.put("review.api.port", "39577");
    p.put("review.auth.issuer", "http://127.0.0.1:39578");
    p.put("review.auth.jwks.url", "http://127.0.0.1:39578/jwks");
    return properties(dir.resolve("demo.properties"), p);
  }

  /**
   * Every role secured: SASL_SSL SCRAM-SHA-512 with one login per role (User:application.id), the brokers' CA, every
   * listener on TLS (REST with client certificates), keys and passwords from owner-only files, the hospital's https
   * issuer and EHR, an S3 Object Lock archive with a signing key.
   */
  static Path secured(Path dir) {
    LocalCa ca = LocalCa.create("hospital-ca");
    Path ca12 = dir.resolve("tls/ca.p12");
    ca.writeTruststore(ca12, STORE_PASSWORD.toCharArray());
    Path password = secret(dir, "store.password", STORE_PASSWORD);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("kafka.bootstrap.servers", "kafka-1:9093,kafka-2:9093");
    p.put("kafka.security.protocol", "SASL_SSL");
    p.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
    p.put("kafka.ssl.truststore.location", ca12.toString());
    p.put("kafka.ssl.truststore.type", "PKCS12");
    p.put("kafka.ssl.truststore.password.file", password.toString());
    for (Role role : Role.values()) {
      String user = "phigate-" + role.id();
      p.put("role." + role.id() + ".kafka.sasl.jaas.config.file", secret(dir, role.id() + ".jaas",
          "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
              + "\" password=\"" + "scram-" + Keys.randomBase64() + "\";").toString());
    }
    p.put("schema.registry.url", "https://schema-registry:8081");
    for (String key : new String[] {"crypto.event.key", "crypto.vault.key", "crypto.hmac.key", "crypto.review.key",
        "review.decision.mac.key"}) {
      p.put(key + ".file", secret(dir, key, Keys.randomBase64()).toString());
    }
    for (String edge : new String[] {"intake.rest", "review.api", "ops"}) {
      Path keystore = dir.resolve("tls/" + edge + ".p12");
      ca.writeKeystore(keystore, edge.replace('.', '-') + ".hospital.example", STORE_PASSWORD.toCharArray());
      p.put(edge + ".tls.keystore", keystore.toString());
      p.put(edge + ".tls.keystore.password.file", password.toString());
    }
    p.put("intake.rest.tls.client.auth", "need");
    p.put("intake.rest.tls.truststore", ca12.toString());
    p.put("intake.rest.tls.truststore.password.file", password.toString());
    Path mllp = dir.resolve("tls/mllp.p12");
    ca.writeKeystore(mllp, "mllp.hospital.example", STORE_PASSWORD.toCharArray());
    p.put("intake.mllp.tls.keystore", mllp.toString());
    p.put("intake.mllp.tls.keystore.password.file", password.toString());
    p.put("intake.mllp.port", "2575");
    p.put("intake.mllp.bind.address", "10.20.0.5");
    p.put("intake.rest.port", "8443");
    p.put("intake.rest.bind.address", "10.20.0.5");
    p.put("review.api.port", "8090");
    p.put("review.api.bind.address", "127.0.0.1");
    p.put("review.auth.issuer", "https://login.hospital.example/realms/hospital");
    p.put("review.auth.jwks.url", "https://login.hospital.example/realms/hospital/protocol/openid-connect/certs");
    p.put("ops.host", "127.0.0.1");
    p.put("writeback.fhir.base.url", "https://ehr.hospital.example/fhir/R4");
    p.put("writeback.fhir.tls.truststore", ca12.toString());
    p.put("writeback.fhir.tls.truststore.password.file", password.toString());
    p.put("writeback.fhir.bearer.token.file", secret(dir, "ehr.token", "ehr-token-" + System.nanoTime())
        .toString());
    p.put("archiver.uri", "s3://phigate-audit/general-hospital");
    p.put("archiver.s3.retention.years", "7");
    p.put("archiver.s3.access.key", "AKIAPHIGATEAUDIT");
    p.put("archiver.s3.secret.key.file", secret(dir, "s3.secret", "s3-" + Keys.randomBase64()).toString());
    Path signingKey = dir.resolve("secrets/audit-signing.key");
    writeSigningKey(signingKey);
    p.put("archiver.signing.key.file", signingKey.toString());
    return properties(dir.resolve("secured.properties"), p);
  }

  /** A file readable by its owner only. */
  static Path secret(Path dir, String name, String value) {
    try {
      Path file = dir.resolve("secrets/" + name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, value + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeSigningKey(Path file) {
    try {
      SigningKeys.write(SigningKeys.generate(), file, file.resolveSibling(file.getFileName() + ".pub"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path properties(Path file, Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    values.forEach((k, v) -> out.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, out.toString());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
