package org.phigate.deid.known;

import java.util.regex.Pattern;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.phigate.deid.DeidStage;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.EncryptedBlob;

/**
 * Erases a patient's remembered identifiers: key = patient token, value = {@link Erasure#encode} (from a patient
 * merge, or from {@code phigate deid forget} through {@code phigate.deid.erasures}). The delete writes a tombstone to
 * the store's changelog; the outcome is an audit event keyed by the request id.
 */
public final class KnownIdentifierEraser implements Processor<String, String, String, AuditEvent> {
  /** The form of {@code Pseudonymizer.patientToken}: anything else (say, an MRN sent by mistake) is refused. */
  public static final Pattern PATIENT_TOKEN = Pattern.compile("PT-[0-9a-f]{12}");
  private static final Pattern REASON = Pattern.compile("[A-Z][A-Z_]{0,39}");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._@-]{1,80}");
  private static final Pattern REQUESTOR = Pattern.compile("[A-Za-z0-9._@:-]{1,80}");
  private final DeidStage stage;
  private ProcessorContext<String, AuditEvent> context;
  private TimestampedKeyValueStore<String, EncryptedBlob> store;

  public KnownIdentifierEraser(DeidStage stage) {
    this.stage = stage;
  }

  /**
   * Why and on whose request an entry is erased: a PHI-free reason code, the requesting event or request id, and
   * the operator who asked (empty for automatic erasures such as merges).
   */
  public record Erasure(String reasonCode, String requestId, String requestor) {
    public static final String PATIENT_MERGED = "PATIENT_MERGED";
    public static final String ADMIN_REQUEST = "ADMIN_REQUEST";

    public String encode() {
      return reasonCode + ":" + requestId + (requestor.isEmpty() ? "" : ":" + requestor);
    }

    /**
     * Reads {@link #encode}'s form. Each part must be a plain code (they end up in audit events); a request that is
     * not of that form still erases, as UNSPECIFIED.
     */
    public static Erasure decode(String value) {
      String[] parts = value == null ? new String[0] : value.split(":", 3);
      if (parts.length < 2 || !REASON.matcher(parts[0]).matches() || !CODE.matcher(parts[1]).matches()
          || parts.length == 3 && !REQUESTOR.matcher(parts[2]).matches()) {
        return new Erasure("UNSPECIFIED", "unspecified", "");
      }
      return new Erasure(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }
  }

  @Override
  public void init(ProcessorContext<String, AuditEvent> context) {
    this.context = context;
    this.store = context.getStateStore(KnownIdentifierStore.STORE);
  }

  @Override
  public void process(Record<String, String> record) {
    Erasure erasure = Erasure.decode(record.value());
    String token = record.key() != null && PATIENT_TOKEN.matcher(record.key()).matches() ? record.key() : null;
    boolean existed = token != null && store.delete(token) != null;
    context.forward(record.withKey(erasure.requestId()).withValue(stage.erased(token, erasure, existed)));
  }
}
