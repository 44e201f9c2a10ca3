package org.phigate.deid.vault;

import java.util.Arrays;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.phigate.catalog.EventKeysCodec;
import org.phigate.deid.vault.ReidentificationRefused.Reason;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.VaultEntryKind;
import org.phigate.schema.VaultEventKeys;
import org.phigate.security.CryptoException;
import org.phigate.security.FieldCipher;
import org.phigate.security.VaultKeys;

/**
 * Puts originals back in place of tokens ({@code [NAME-4f2a9c01]}) for the write-back role, for one approved item:
 * its tenant, source event and patient token ({@link Subject}). The event's EVENT_KEYS entry names the vault key of
 * its patient and of each of its tokens; only those entries are opened, each checked against tenant, kind, category
 * and key, so an item is re-identified with its own event's values and its own patient or not at all
 * ({@link ReidentificationRefused}). Items held for review before {@code legacyBefore} (the upgrade; their events
 * were de-identified before vault keys and have no EVENT_KEYS entry) are re-identified from the entries keyed by
 * token instead, checked for tenant and token.
 */
public final class Reidentifier {
  static final Pattern TOKEN = Pattern.compile("\\[(?:" + Arrays.stream(PhiCategory.values()).map(Enum::name)
      .collect(Collectors.joining("|")) + ")-[0-9a-f]{1,64}]");
  private final FieldCipher vaultCipher;
  private final EventKeysCodec eventKeys;
  private final Instant legacyBefore;

  /**
   * Whose approved item is re-identified: the item's tenant, the event it was drafted from, its patient token, and
   * when it was held for review.
   */
  public record Subject(String tenant, String eventId, String patientToken, Instant heldAt) {}

  /** The text with every token replaced, the patient key, and whether entries from before vault keys were used. */
  public record Reidentified(String text, String patientKey, boolean legacy) {}

  /**
   * @param legacyBefore items held before this instant use the entries keyed by token that versions before vault
   *     keys wrote, so items pending at the upgrade still write back; null when there are none
   */
  public Reidentifier(FieldCipher vaultCipher, Instant legacyBefore) {
    this.vaultCipher = vaultCipher;
    this.eventKeys = new EventKeysCodec(vaultCipher);
    this.legacyBefore = legacyBefore;
  }

  /**
   * @param vault the vault by key; returns null for an unknown key
   * @throws ReidentificationRefused when any check fails or any token stays unresolved; nothing is returned then
   */
  public Reidentified reidentify(Subject subject, String text, Function<String, VaultEntry> vault)
      throws ReidentificationRefused {
    if (legacyBefore != null && subject.heldAt().isBefore(legacyBefore)) {
      return legacy(subject, text, vault);
    }
    String eventKey = VaultKeys.event(subject.tenant(), subject.eventId());
    VaultEntry keysEntry = vault.apply(eventKey);
    if (keysEntry == null) {
      throw new ReidentificationRefused(Reason.VAULT_EVENT_KEYS_MISSING);
    }
    check(keysEntry, subject.tenant(), eventKey, VaultEntryKind.EVENT_KEYS);
    VaultEventKeys keys;
    try {
      keys = eventKeys.open(keysEntry.getOriginal(), eventKey);
    } catch (CryptoException e) {
      throw new ReidentificationRefused(Reason.CRYPTO_FAILED);
    }
    if (!subject.tenant().equals(keys.getTenant())) {
      throw new ReidentificationRefused(Reason.VAULT_TENANT_MISMATCH);
    }
    if (!subject.eventId().equals(keys.getEventId())) {
      throw new ReidentificationRefused(Reason.VAULT_KEY_MISMATCH);
    }
    if (!subject.patientToken().equals(keys.getPatientToken())
        || !VaultKeys.standsFor(keys.getPatientKey(), subject.tenant(), subject.patientToken())) {
      throw new ReidentificationRefused(Reason.VAULT_PATIENT_MISMATCH);
    }
    VaultEntry patient = vault.apply(keys.getPatientKey());
    if (patient == null) {
      throw new ReidentificationRefused(Reason.PATIENT_TOKEN_UNRESOLVED);
    }
    check(patient, subject.tenant(), keys.getPatientKey(), VaultEntryKind.PATIENT);
    String patientKey = open(patient, keys.getPatientKey());
    Map<String, ByteBuffer> hashes = keys.getTokens();
    String restored = replace(text, token -> {
      ByteBuffer hash = hashes.get(token);
      if (hash == null) {
        return null;
      }
      String key = VaultKeys.ofToken(subject.tenant(), token, bytes(hash));
      if (key == null || !VaultKeys.standsFor(key, subject.tenant(), token)) {
        throw new ReidentificationRefused(Reason.VAULT_KEY_MISMATCH);
      }
      VaultEntry entry = vault.apply(key);
      if (entry == null) {
        return null;
      }
      check(entry, subject.tenant(), key, VaultEntryKind.VALUE);
      if (!token.startsWith("[" + entry.getCategory().name() + "-")) {
        throw new ReidentificationRefused(Reason.VAULT_KEY_MISMATCH);
      }
      return open(entry, key);
    });
    return new Reidentified(restored, patientKey, false);
  }

  /** Entries keyed by token, from before vault keys: the tenant must match and each entry must name its token. */
  private Reidentified legacy(Subject subject, String text, Function<String, VaultEntry> vault)
      throws ReidentificationRefused {
    VaultEntry patient = vault.apply(subject.patientToken());
    if (patient == null) {
      throw new ReidentificationRefused(Reason.PATIENT_TOKEN_UNRESOLVED);
    }
    if (!subject.tenant().equals(patient.getTenant())) {
      throw new ReidentificationRefused(Reason.VAULT_TENANT_MISMATCH);
    }
    if (!subject.patientToken().equals(patient.getToken())) {
      throw new ReidentificationRefused(Reason.VAULT_PATIENT_MISMATCH);
    }
    String patientKey = open(patient, subject.patientToken());
    String restored = replace(text, token -> {
      VaultEntry entry = vault.apply(token);
      if (entry == null) {
        return null;
      }
      if (!subject.tenant().equals(entry.getTenant())) {
        throw new ReidentificationRefused(Reason.VAULT_TENANT_MISMATCH);
      }
      if (!token.equals(entry.getToken())) {
        throw new ReidentificationRefused(Reason.VAULT_KEY_MISMATCH);
      }
      return open(entry, token);
    });
    return new Reidentified(restored, patientKey, true);
  }

  private interface Resolver {
    /** The original of a token, or null when it is unknown. */
    String resolve(String token) throws ReidentificationRefused;
  }

  /** The text with each token replaced; refused at the first token that does not resolve (no partial text). */
  private static String replace(String text, Resolver resolver) throws ReidentificationRefused {
    Matcher m = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder();
    Map<String, String> resolved = new HashMap<>();
    while (m.find()) {
      String original = resolved.get(m.group());
      if (original == null) {
        original = resolver.resolve(m.group());
        if (original == null) {
          throw new ReidentificationRefused(Reason.TOKENS_UNRESOLVED);
        }
        resolved.put(m.group(), original);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(original));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static void check(VaultEntry entry, String tenant, String key, VaultEntryKind kind)
      throws ReidentificationRefused {
    if (!tenant.equals(entry.getTenant())) {
      throw new ReidentificationRefused(Reason.VAULT_TENANT_MISMATCH);
    }
    if (entry.getKind() != kind || !key.equals(entry.getToken())) {
      throw new ReidentificationRefused(Reason.VAULT_KEY_MISMATCH);
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private String open(VaultEntry entry, String aad) throws ReidentificationRefused {
    try {
      return vaultCipher.openString(entry.getOriginal(), aad);
    } catch (CryptoException e) {
      throw new ReidentificationRefused(Reason.CRYPTO_FAILED);
    }
  }
}
