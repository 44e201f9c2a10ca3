package org.phigate.deid.known;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.phigate.deid.DeidStage;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.StructuredField;
import org.phigate.security.CryptoException;

/**
 * Erases a patient's remembered identifiers: key = patient token, value = {@link Erasure#encode} (from {@code phigate
 * deid forget} through {@code phigate.deid.erasures}) or {@link PatientMerges#request} (a patient merge, naming the
 * survivor). The delete writes a tombstone to the store's changelog. A merge first seals the retired entry's values
 * for the survivor ({@link KnownIdentifierCarryOver}). The outcome, keyed by the request id, is an audit event and
 * the carry-over, if any.
 */
public final class KnownIdentifierEraser implements Processor<String, String, String, KnownIdentifierEraser.Erased> {
  /** The form of {@code Pseudonymizer.patientToken}: anything else (say, an MRN sent by mistake) is refused. */
  public static final Pattern PATIENT_TOKEN = Pattern.compile("PT-[0-9a-f]{12}");
  private static final Pattern REASON = Pattern.compile("[A-Z][A-Z_]{0,39}");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._@-]{1,80}");
  private static final Pattern REQUESTOR = Pattern.compile("[A-Za-z0-9._@:-]{1,80}");
  private final DeidStage stage;
  private final KnownIdentifierStore sealing;
  private ProcessorContext<String, Erased> context;
  private TimestampedKeyValueStore<String, EncryptedBlob> store;

  public KnownIdentifierEraser(DeidStage stage, KnownIdentifierStore sealing) {
    this.stage = stage;
    this.sealing = sealing;
  }

  /** An erasure's audit event and, for a merge whose retired entry held values, their way to the survivor. */
  public record Erased(AuditEvent audit, KnownIdentifierCarryOver carried) {}

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
      String[] parts = value == null ? new String[0] : PatientMerges.withoutSurvivor(value).split(":", 3);
      if (parts.length < 2 || !REASON.matcher(parts[0]).matches() || !CODE.matcher(parts[1]).matches()
          || parts.length == 3 && !REQUESTOR.matcher(parts[2]).matches()) {
        return new Erasure("UNSPECIFIED", "unspecified", "");
      }
      return new Erasure(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }
  }

  @Override
  public void init(ProcessorContext<String, Erased> context) {
    this.context = context;
    this.store = context.getStateStore(KnownIdentifierStore.STORE);
  }

  @Override
  public void process(Record<String, String> record) {
    Erasure erasure = Erasure.decode(record.value());
    String token = record.key() != null && PATIENT_TOKEN.matcher(record.key()).matches() ? record.key() : null;
    ValueAndTimestamp<EncryptedBlob> erased = token == null ? null : store.delete(token);
    String survivor = token == null ? null : PatientMerges.survivor(record.value()).orElse(null);
    List<StructuredField> carried = survivor == null || erased == null ? List.of() : opened(token, erased.value());
    KnownIdentifierCarryOver carryOver = carried.isEmpty() ? null : new KnownIdentifierCarryOver(survivor, token,
        erasure.requestId(), sealing.sealCarried(survivor, token, erasure.requestId(), carried));
    context.forward(record.withKey(erasure.requestId()).withValue(new Erased(
        stage.erased(token, erasure, erased != null, survivor, carried.size()), carryOver)));
  }

  /** An entry that cannot be opened (altered, or sealed under a retired key) has nothing to carry over. */
  private List<StructuredField> opened(String token, EncryptedBlob blob) {
    try {
      return blob == null ? List.of() : sealing.open(token, blob);
    } catch (CryptoException | UncheckedIOException e) {
      return List.of();
    }
  }
}
