package org.phigate.deid;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.phigate.schema.VaultEntry;

/**
 * Lets a value's or patient's vault entry through to the vault topic only when its key is new, or when what it was
 * written as changed (kind, tenant, category, or the id of the key that sealed it, so a rotated vault key reseals each
 * value once). Every event repeats the entries of the values it mentions; writing them once keeps the write-back's
 * vault table from being rewritten, and out of order, on every event. A rewrite never carries an older timestamp than
 * the entry it replaces. Runs on the entries repartitioned by vault key ({@value DeidTopology#VAULT_BY_KEY}), so one
 * task owns each key; {@value #STORE} remembers what was written, changelogged with the output (exactly once).
 */
final class VaultWriteFilter implements Processor<String, VaultEntry, String, VaultEntry> {
  /** Vault keys written so far, each with what it was written as and the timestamp it was written with. */
  static final String STORE = "deid-vault-written-store";
  private ProcessorContext<String, VaultEntry> context;
  private TimestampedKeyValueStore<String, String> written;

  static StoreBuilder<TimestampedKeyValueStore<String, String>> builder() {
    return Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(STORE),
        Serdes.String(), Serdes.String());
  }

  @Override
  public void init(ProcessorContext<String, VaultEntry> context) {
    this.context = context;
    this.written = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, VaultEntry> record) {
    VaultEntry entry = record.value();
    if (record.key() == null || entry == null) {
      return;
    }
    String as = entry.getKind() + "|" + entry.getTenant() + "|" + entry.getCategory() + "|"
        + entry.getOriginal().getKeyId();
    ValueAndTimestamp<String> before = written.get(record.key());
    if (before != null && as.equals(before.value())) {
      return;
    }
    long timestamp = before == null ? record.timestamp() : Math.max(record.timestamp(), before.timestamp());
    written.put(record.key(), ValueAndTimestamp.make(as, timestamp));
    context.forward(record.withTimestamp(timestamp));
  }
}
