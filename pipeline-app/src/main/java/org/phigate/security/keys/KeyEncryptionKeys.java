package org.phigate.security.keys;

import java.time.Instant;
import java.util.List;

/**
 * Key-encryption keys (KEKs): wrap and unwrap data keys, never seal data themselves, and never leave their holder.
 *
 * <p>Each KEK version has an id that is recorded with every data key it wraps, so after {@link #rotate()} new data keys
 * are wrapped by the new version while data keys wrapped by an older one still unwrap. The shipped implementation is
 * {@link Pkcs12KeyEncryptionKeys} (a PKCS#12 keystore file). A KMS maps onto this interface one to one; none is
 * reachable from this project's build machines, so none ships yet:
 * <ul>
 *   <li>AWS KMS: {@code wrap} = {@code Encrypt} (or {@code GenerateDataKey}) with the key ARN, the id = the key ARN
 *   (KMS rotates backing key material itself, so {@code rotate} = {@code RotateKeyOnDemand}); {@code unwrap} =
 *   {@code Decrypt}; a revoked version = a disabled or pending-deletion key.</li>
 *   <li>Azure Key Vault: {@code wrapKey} / {@code unwrapKey} (RSA-OAEP-256 or AES-KW on Managed HSM) with the key's
 *   versioned id; {@code rotate} = a new key version; revoke = disable that version.</li>
 *   <li>HashiCorp Vault / OpenBao Transit: {@code transit/encrypt/<name>} returns {@code vault:v<N>:...}, the id is the
 *   key name plus N; {@code transit/keys/<name>/rotate}; revoke = raise {@code min_decryption_version}.</li>
 * </ul>
 * Calls to a remote KMS cost a network round trip: callers cache unwrapped data keys (see {@link Envelope}).
 */
public interface KeyEncryptionKeys {
  /** A wrapped data key and the id of the KEK version that wrapped it. */
  record Wrapped(String kekId, byte[] wrapped) {}

  /** One KEK version as {@code keys list} shows it (never its material). */
  record Version(String id, Instant created, boolean active) {}

  /** The id of the KEK version that wraps new data keys. */
  String activeId();

  /** Wraps a data key with the active KEK version. */
  Wrapped wrap(byte[] dataKey);

  /** Unwraps a data key wrapped by KEK version {@code kekId}; throws {@link KeyException} if unknown or tampered. */
  byte[] unwrap(String kekId, byte[] wrapped);

  /** Every KEK version this holder has, oldest first. */
  List<Version> versions();

  /** Creates a new KEK version and makes it the active one; returns its id. */
  String rotate();
}
