package org.phigate.security.keys;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A data key store in memory, for tests: keys are gone when the process ends. */
public final class InMemoryDataKeyStore implements DataKeyStore {
  private final Map<String, StoredKey> keys = new ConcurrentHashMap<>();
  private final Set<String> destroyed = ConcurrentHashMap.newKeySet();

  @Override
  public Optional<StoredKey> find(String id) {
    if (destroyed.contains(id)) {
      throw new DataKeyDestroyedException(id);
    }
    return Optional.ofNullable(keys.get(id));
  }

  @Override
  public boolean isDestroyed(String id) {
    return destroyed.contains(id);
  }

  @Override
  public void put(StoredKey key) {
    if (destroyed.contains(key.id())) {
      throw new DataKeyDestroyedException(key.id());
    }
    keys.put(key.id(), key);
  }

  @Override
  public void destroy(String id, String requestId) {
    destroyed.add(id);
    keys.remove(id);
  }

  @Override
  public List<StoredKey> list() {
    return List.copyOf(keys.values());
  }

  @Override
  public List<String> destroyed() {
    return List.copyOf(destroyed);
  }
}
