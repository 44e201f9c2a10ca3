package org.phigate.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.VaultEntry;
import org.phigate.schema.VaultEntryKind;

/** The vault write filter alone, its store in memory: what reaches the vault topic, and with which timestamp. */
class VaultWriteFilterTest {
  private static final String KEY = "vk1:north:NAME:" + "ab".repeat(32);
  private final MockProcessorContext<String, VaultEntry> context = new MockProcessorContext<>();
  private final VaultWriteFilter filter = new VaultWriteFilter();

  @BeforeEach
  void init() {
    // the role's store is persistent (RocksDB); the same store type in memory here
    TimestampedKeyValueStore<String, String> store = Stores.timestampedKeyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(VaultWriteFilter.STORE), Serdes.String(), Serdes.String())
        .withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    filter.init(context);
  }

  private static VaultEntry entry(String sealedWith) {
    return VaultEntry.newBuilder().setToken(KEY).setTenant("north").setCategory(PhiCategory.NAME)
        .setKind(VaultEntryKind.VALUE).setOriginal(new EncryptedBlob(sealedWith, ByteBuffer.allocate(12),
            ByteBuffer.allocate(16))).setFirstEventId("ev-1").setCreatedAt(Instant.EPOCH).build();
  }

  private List<Long> forwardedTimestamps() {
    return context.forwarded().stream().map(f -> f.record().timestamp()).toList();
  }

  @Test
  void shouldWriteAKeyOnceHoweverOftenEventsRepeatIt() {
    filter.process(new Record<>(KEY, entry("vault-1"), 100L));
    filter.process(new Record<>(KEY, entry("vault-1"), 300L));
    filter.process(new Record<>(KEY, entry("vault-1"), 50L));

    assertThat(forwardedTimestamps()).containsExactly(100L);
  }

  @Test
  void shouldRewriteAChangedEntryNeverWithAnOlderTimestamp() {
    filter.process(new Record<>(KEY, entry("vault-1"), 100L));
    // the vault key was rotated; the next event to mention the value is older than the first
    filter.process(new Record<>(KEY, entry("vault-2"), 40L));
    filter.process(new Record<>(KEY, entry("vault-2"), 500L));

    assertThat(forwardedTimestamps()).containsExactly(100L, 100L);
    assertThat(context.forwarded().get(1).record().value().getOriginal().getKeyId()).isEqualTo("vault-2");
  }
}
