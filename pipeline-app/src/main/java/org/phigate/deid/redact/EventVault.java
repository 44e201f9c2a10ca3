package org.phigate.deid.redact;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phigate.catalog.EventKeysCodec;
import org.phigate.schema.ClinicalEvent;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.VaultEntryKind;
import org.phigate.schema.VaultEventKeys;
import org.phigate.security.FieldCipher;
import org.phigate.security.Pseudonymizer;
import org.phigate.security.VaultKeys;

/**
 * Every vault entry of one redacted event: its values' entries, the patient's entry (its vault key resolves to the
 * patient key, so write-back can address the chart) and the event's EVENT_KEYS entry, which maps the event's patient
 * token and each of its tokens to the vault key they stand for, so write-back re-identifies an item with this
 * event's values and patient only. The event's source message id (which may carry PHI) is sealed in its own entry
 * ({@link VaultKeys#sourceMessage}), for write-back to reference the message in the EHR.
 */
public final class EventVault {
  private final Pseudonymizer pseudonymizer;
  private final FieldCipher vaultCipher;
  private final EventKeysCodec codec;
  private final Clock clock;

  public EventVault(Pseudonymizer pseudonymizer, FieldCipher vaultCipher, Clock clock) {
    this.pseudonymizer = pseudonymizer;
    this.vaultCipher = vaultCipher;
    this.codec = new EventKeysCodec(vaultCipher);
    this.clock = clock;
  }

  public List<VaultEntry> entries(ClinicalEvent event, String patientKey, Redaction redaction) {
    return entries(event, patientKey, event.getSourceMessageId(), redaction);
  }

  /** The entries of an event whose sender's message id ({@code sourceMessageId}, in clear) was sealed in it. */
  public List<VaultEntry> entries(ClinicalEvent event, String patientKey, String sourceMessageId,
                                  Redaction redaction) {
    String tenant = event.getTenant();
    String patientVaultKey = pseudonymizer.patient(tenant, patientKey).vaultKey();
    String eventKey = VaultKeys.event(tenant, event.getEventId());
    Map<String, ByteBuffer> hashes = new LinkedHashMap<>();
    redaction.tokenKeys().forEach((token, key) -> hashes.put(token, ByteBuffer.wrap(VaultKeys.hash(key))));
    VaultEventKeys keys = new VaultEventKeys(event.getEventId(), tenant, redaction.event().getPatientToken(),
        patientVaultKey, hashes);
    List<VaultEntry> out = new ArrayList<>(redaction.vaultEntries());
    out.add(entry(event, patientVaultKey, PhiCategory.MRN, VaultEntryKind.PATIENT)
        .setOriginal(vaultCipher.sealString(patientKey, patientVaultKey, keys.getPatientToken())).build());
    out.add(entry(event, eventKey, PhiCategory.OTHER_ID, VaultEntryKind.EVENT_KEYS)
        .setOriginal(codec.seal(keys, eventKey)).build());
    String sourceKey = VaultKeys.sourceMessage(tenant, event.getEventId());
    out.add(entry(event, sourceKey, PhiCategory.OTHER_ID, VaultEntryKind.VALUE)
        .setOriginal(vaultCipher.sealString(sourceMessageId, sourceKey, keys.getPatientToken())).build());
    return out;
  }

  private VaultEntry.Builder entry(ClinicalEvent event, String key, PhiCategory category, VaultEntryKind kind) {
    return VaultEntry.newBuilder().setToken(key).setTenant(event.getTenant()).setCategory(category).setKind(kind)
        .setFirstEventId(event.getEventId()).setCreatedAt(clock.instant());
  }
}
