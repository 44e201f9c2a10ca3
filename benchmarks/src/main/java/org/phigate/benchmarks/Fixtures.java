package org.phigate.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.phigate.config.CommonConfig;
import org.phigate.config.DeidConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.config.Settings;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.redact.RedactionPolicy;
import org.phigate.deid.redact.Redactor;
import org.phigate.intake.IntakeOutcome;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.IntakeStage;
import org.phigate.runtime.IntakeListeners;
import org.phigate.runtime.RoleTopologies;
import org.phigate.schema.ClinicalEvent;
import org.phigate.security.Keys;

/** The production stages as `phigate run` wires them, with fresh random keys, and the shipped sample messages. */
final class Fixtures {
  static final String ADT = "hl7v2/microsoft-fhir-converter/ADT-A01-01.hl7";
  static final String ORU = "hl7v2/microsoft-fhir-converter/ORU-R01-01.hl7";
  static final String MDM = "hl7v2/microsoft-fhir-converter/MDM-T02-01.hl7";
  static final String BUNDLE = "fhir/r4-spec-examples/Bundle-bundle-transaction.json";
  static final String PORTAL = "fhir/r4-spec-examples/Communication-example.json";

  final CommonConfig common;
  final IntakeStage intake;
  final PhiDetector detector;
  final Redactor redactor;

  Fixtures() {
    common = new CommonConfig(Settings.of(Map.of(
        CommonConfig.TENANT.name(), "bench",
        CommonConfig.EVENT_KEY.name(), Keys.randomBase64(),
        CommonConfig.VAULT_KEY.name(), Keys.randomBase64(),
        CommonConfig.HMAC_KEY.name(), Keys.randomBase64())));
    IntakeConfig intakeConfig = new IntakeConfig(common);
    intake = RoleTopologies.intakeStage(intakeConfig, IntakeListeners.audit(intakeConfig, Clock.systemUTC()));
    detector = PhiDetector.fromConfig(new DeidConfig(common));
    redactor = new Redactor(common.pseudonymizer(), common.vaultCipher(), RedactionPolicy.safeHarbor(),
        Clock.systemUTC());
  }

  static String contentType(String sample) {
    return sample.startsWith("hl7v2/") ? IntakeParser.HL7_V2 : IntakeParser.FHIR_JSON;
  }

  /** A shipped sample; HL7 v2 segments end in CR as on the wire. */
  static byte[] sample(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/samples/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + path);
      }
      byte[] bytes = in.readAllBytes();
      if (!path.startsWith("hl7v2/")) {
        return bytes;
      }
      String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "\r").replace('\n', '\r');
      return text.getBytes(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The normalized (sealed) event intake makes of a sample. */
  ClinicalEvent event(String sample) {
    IntakeOutcome outcome = intake.process("bench-1", sample(sample), contentType(sample), Instant.now());
    if (!outcome.accepted()) {
      throw new IllegalStateException("sample " + sample + " was not accepted by intake");
    }
    return outcome.event();
  }
}
