package org.phigate.security.keys;

import java.util.List;
import java.util.Optional;

/**
 * Where wrapped data keys live apart from what they seal, so destroying one crypto-shreds every blob sealed with it.
 * Production: {@link KafkaDataKeyStore} (a compacted topic); tests have one in memory.
 */
public interface DataKeyStore extends AutoCloseable {
  /**
   * The key with this id, or empty when there is none (after catching up with writes of other processes).
   *
   * @throws DataKeyDestroyedException when it was destroyed
   */
  Optional<StoredKey> find(String id);

  /** True when the key was destroyed (what this process has seen so far). */
  boolean isDestroyed(String id);

  /** Stores a new or re-wrapped key; durable when it returns. */
  void put(StoredKey key);

  /** Destroys a key: a destroyed marker, then the key's removal (a tombstone); durable when it returns. */
  void destroy(String id, String requestId);

  /** Every key not destroyed, after catching up. */
  List<StoredKey> list();

  /** The ids of every destroyed key, after catching up. */
  List<String> destroyed();

  @Override
  default void close() {}
}
