package org.phigate.catalog;

/**
 * Keys of {@code phigate.phi.vault} entries that are not value tokens. The deid role writes them; the write-back role,
 * which holds the vault key, reads them.
 */
public final class VaultKeys {
  private static final String SOURCE_MESSAGE_PREFIX = "SRC-";

  private VaultKeys() {}

  /**
   * The entry holding an event's sealed source message id (MSH-10 or the sender's FHIR id, which a sender may build
   * from patient data), so write-back can reference the message in the EHR while the inference zone only ever sees
   * the event id. Event ids already include the tenant in their hash, so the key is unique per tenant.
   */
  public static String sourceMessage(String eventId) {
    return SOURCE_MESSAGE_PREFIX + eventId;
  }
}
