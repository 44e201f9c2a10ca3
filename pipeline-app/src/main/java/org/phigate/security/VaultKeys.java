package org.phigate.security;

import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys of the vault topic. A value's entry is keyed by tenant, category and the value's full 256-bit keyed hash
 * ({@code vk1:<tenant>:<CATEGORY>:<64 hex>}), so no two values of a tenant and category share one; an event's entry
 * ({@code vk1:<tenant>:EVENT:<event id>}) maps the short tokens of that event to the vault keys of its values and
 * patient; an event's source message entry ({@code vk1:<tenant>:SRC:<event id>}) holds the sender's message id, sealed.
 * Entries written before vault keys are keyed by their token alone ({@code [NAME-4f2a9c01]}, {@code PT-...}).
 */
public final class VaultKeys {
  /** The category part of a patient's vault key. */
  public static final String PATIENT = "PATIENT";
  private static final String VERSION = "vk1:";
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern VALUE_TOKEN = Pattern.compile("\\[([A-Z_]+)-([0-9a-f]{1,64})]");
  private static final Pattern PATIENT_TOKEN = Pattern.compile("PT-([0-9a-f]{1,64})");

  private VaultKeys() {}

  /** The vault key of a value (or, with category {@link #PATIENT}, a patient key) whose keyed hash is {@code hex}. */
  public static String value(String tenant, String category, String hex) {
    return VERSION + tenant + ":" + category + ":" + hex;
  }

  /** The vault key of the entry that holds an event's token-to-key map. */
  public static String event(String tenant, String eventId) {
    return VERSION + tenant + ":EVENT:" + eventId;
  }

  /**
   * The vault key of the entry that holds an event's sealed source message id (MSH-10 or the sender's FHIR id, which
   * a sender may build from patient data), so write-back can reference the message in the EHR while the inference
   * zone only ever sees the event id.
   */
  public static String sourceMessage(String tenant, String eventId) {
    return VERSION + tenant + ":SRC:" + eventId;
  }

  /** The 32-byte keyed hash in a value's vault key, as a map of an event's tokens stores it. */
  public static byte[] hash(String vaultKey) {
    String hex = vaultKey.substring(vaultKey.lastIndexOf(':') + 1);
    if (!HASH.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a value's vault key");
    }
    return HexFormat.of().parseHex(hex);
  }

  /** The vault key of a value token (category from the token) whose keyed hash is {@code hash}; null if no token. */
  public static String ofToken(String tenant, String token, byte[] hash) {
    Matcher value = VALUE_TOKEN.matcher(token);
    return value.matches() ? value(tenant, value.group(1), HexFormat.of().formatHex(hash)) : null;
  }

  /** True for keys of this format, false for tokens that keyed entries before it. */
  public static boolean isVaultKey(String key) {
    return key.startsWith(VERSION);
  }

  /**
   * Whether {@code vaultKey} can stand for {@code token} (a value token or a PT- patient token) in tenant: same
   * tenant and category, and the token's hex is the start of the key's hash, as both are cut from one keyed hash.
   */
  public static boolean standsFor(String vaultKey, String tenant, String token) {
    Matcher value = VALUE_TOKEN.matcher(token);
    Matcher patient = PATIENT_TOKEN.matcher(token);
    String category;
    String hex;
    if (value.matches()) {
      category = value.group(1);
      hex = value.group(2);
    } else if (patient.matches()) {
      category = PATIENT;
      hex = patient.group(1);
    } else {
      return false;
    }
    String prefix = VERSION + tenant + ":" + category + ":";
    if (!vaultKey.startsWith(prefix)) {
      return false;
    }
    String hash = vaultKey.substring(prefix.length());
    return HASH.matcher(hash).matches() && hash.startsWith(hex);
  }
}
