package org.phigate.deid.vault;

/**
 * Re-identification refused to put any original back (fails closed): the approved item's tenant, event or patient
 * does not match what the vault holds for it, or a token or entry is missing or does not open. The message is the
 * reason code only, never a value.
 */
public final class ReidentificationRefused extends Exception {
  /** Why; each is a dead-letter reason of the write-back. */
  public enum Reason {
    /** The patient's entry is not in the vault (yet). */
    PATIENT_TOKEN_UNRESOLVED,
    /** A token of the text is not one of the event's tokens, or its entry is not in the vault (yet). */
    TOKENS_UNRESOLVED,
    /** An entry or the event's key map does not open with this role's vault key (other key, or altered). */
    CRYPTO_FAILED,
    /** The event's key map or an entry belongs to another tenant than the item. */
    VAULT_TENANT_MISMATCH,
    /** The event's key map names another patient than the item, or the patient entry is not the item's patient. */
    VAULT_PATIENT_MISMATCH,
    /** An entry is not what its key says (kind, category, key, event), or a token's key is not cut from its hash. */
    VAULT_KEY_MISMATCH,
    /** The event has no key map (not in the vault yet, or an item from before vault keys held after the cut-off). */
    VAULT_EVENT_KEYS_MISSING
  }

  private final Reason reason;

  public ReidentificationRefused(Reason reason) {
    super(reason.name(), null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
