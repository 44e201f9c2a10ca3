package org.phigate.deid.cli;

import org.phigate.deid.notes.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.crypto.spec.SecretKeySpec;
import org.phigate.config.ConfigException;
import org.phigate.config.DeidConfig;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.notes.JsonLines;
import org.phigate.deid.notes.NoteDetection;
import org.phigate.deid.redact.RedactionPolicy;
import org.phigate.deid.redact.Redactor;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.PhiContent;
import org.phigate.schema.SourceFormat;
import org.phigate.security.FieldCipher;
import org.phigate.security.Pseudonymizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate deid redact`: each input line's text with its PHI replaced by the policy (tokens, years, ZIP3, 90+). */
@Command(name = "redact", mixinStandardHelpOptions = true,
    description = "De-identify free text: input lines {\"id\",\"text\"}, output lines {\"id\",\"text\"} redacted by "
        + "the deid.policy (safe-harbor-v1 by default). Tokens are stable only when crypto.hmac.key is configured.")
public final class RedactCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "IN.jsonl")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "OUT.jsonl")
  Path output;

  @Option(names = "--config", paramLabel = "FILE", description = "Settings: deid.* keys, crypto.hmac.key and "
      + "crypto.vault.key for stable tokens, phigate.tenant.")
  Path config;

  @Override
  public Integer call() {
    DeidConfig deid = DeidCommand.config(config);
    Pseudonymizer pseudonymizer;
    FieldCipher vault;
    try {
      pseudonymizer = deid.common().pseudonymizer();
      vault = deid.common().vaultCipher();
    } catch (ConfigException e) {
      System.err.println("[deid] no crypto.hmac.key / crypto.vault.key configured: using one-off random keys, so "
          + "tokens differ between runs (set them with --config for stable tokens)");
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      pseudonymizer = new Pseudonymizer(key);
      vault = new FieldCipher("cli", Map.of("cli", new SecretKeySpec(key.clone(), "AES")));
    }
    RedactionPolicy policy = deid.policy().equals(RedactionPolicy.DATE_SHIFT_ID) ? RedactionPolicy.dateShift()
        : RedactionPolicy.safeHarbor();
    Redactor redactor = new Redactor(pseudonymizer, vault, policy, Clock.systemUTC());
    PhiDetector detector = PhiDetector.fromConfig(deid);
    String tenant = deid.common().tenant();
    Progress progress = new Progress(System.err, "redact");
    int[] failed = {0};
    try (Writer out = JsonLines.writer(output)) {
      JsonLines.read(input, System.err, note -> {
        var line = JsonLines.JSON.createObjectNode().put("id", note.id());
        try {
          PhiContent content = NoteDetection.content(note);
          var redaction = redactor.redact(meta(note.id(), tenant, content), content, detector.detect(content));
          line.put("text", redaction.event().getTextParts().get(0).getText());
        } catch (RuntimeException e) {
          failed[0]++;
          line.put("error", "redaction failed (" + e.getClass().getSimpleName() + "); text withheld");
        }
        JsonLines.writeLine(out, line.toString());
        progress.add(note.text().length());
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + "; check the folder is writable", e);
    }
    progress.done();
    if (failed[0] > 0) {
      System.err.println("[deid] " + failed[0] + " notes could not be redacted; their text was withheld");
      return 1;
    }
    return 0;
  }

  private static ClinicalEvent meta(String id, String tenant, PhiContent content) {
    return ClinicalEvent.newBuilder().setEventId(id).setTenant(tenant).setSourceMessageId(id)
        .setSourceFormat(SourceFormat.FHIR_R4).setMessageType("text/plain").setWorkflow("cli")
        .setReceivedAt(java.time.Instant.now()).setFieldCount(content.getFields().size())
        .setTextPartCount(content.getTextParts().size())
        .setPhi(new EncryptedBlob("none", ByteBuffer.allocate(0), ByteBuffer.allocate(0))).build();
  }
}
