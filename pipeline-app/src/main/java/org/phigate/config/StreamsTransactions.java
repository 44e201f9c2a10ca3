package org.phigate.config;

import java.util.List;

/**
 * How every Streams role's exactly-once transactions are paced and batched: the commit interval, its producers'
 * batching and compression, and how long its consumers' fetches wait for the next commit. Each transaction costs the broker and the client about the same whatever it holds
 * (partitions added, offsets committed, one marker written to every partition it touched), so fewer, fuller
 * transactions are the cheapest way to carry a message; the price is latency, since a read_committed reader of the
 * next stage sees a record only when its transaction commits.
 */
public final class StreamsTransactions {
  /** The longest commit interval: half the Streams producers' transaction timeout (60 s, StreamsProperties). */
  public static final long MAX_COMMIT_INTERVAL_MS = 30_000;
  public static final ConfigKey<Long> COMMIT_INTERVAL = ConfigKey.longValue("streams.commit.interval.ms", 500,
      "How often each Streams role commits its exactly-once (v2) transaction: its output becomes visible to the next "
          + "stage and its input offsets are committed. Each commit costs the broker and the role a fixed amount "
          + "(transaction markers on every partition written, the offset commit), so a longer interval means fewer "
          + "transactions per message; the cost is latency: a record waits on average half an interval at every "
          + "topic hop (intake.raw to review.pending crosses 7 commits, approve to EHR written 2). Kafka Streams' "
          + "exactly-once default is 100. Measured in README Performance.")
      .validate(Validator.between(1L, MAX_COMMIT_INTERVAL_MS));
  public static final ConfigKey<Integer> PRODUCER_LINGER = ConfigKey.integer("streams.producer.linger.ms", 1000,
      "How long a Streams role's producer holds records to fill a batch (Kafka Streams' default 100). Under "
          + "exactly-once every commit flushes the producer and a record is invisible downstream until then, so "
          + "holding records up to streams.commit.interval.ms costs no latency and sends one request per partition "
          + "and transaction instead of one per linger period; raise it with the commit interval.")
      .validate(Validator.between(0, 60_000));
  public static final ConfigKey<Integer> PRODUCER_BATCH_BYTES = ConfigKey.integer("streams.producer.batch.size",
      256 * 1024, "Largest batch (bytes) a Streams role's producer sends to one partition in one request (Kafka's "
          + "default 16384, two of PHIGate's 8 KB events); a full batch is sent at once, so it must hold a commit "
          + "interval's records for streams.producer.linger.ms to matter. A record larger than it is sent alone.")
      .validate(Validator.between(1024, 16 * 1024 * 1024));
  public static final ConfigKey<String> PRODUCER_COMPRESSION = ConfigKey.string(
      "streams.producer.compression.type", "none", "Compression of the Streams roles' record batches (none, lz4, "
          + "zstd, snappy, gzip). Saves broker disk and network at the cost of CPU in every producer, the broker "
          + "(it validates compressed batches) and every consumer.")
      .validate(Validator.oneOf(List.of("none", "lz4", "zstd", "snappy", "gzip")));

  public static final ConfigKey<Integer> CONSUMER_FETCH_MAX_WAIT = ConfigKey.integer(
      "streams.consumer.fetch.max.wait.ms", 2000, "How long the broker holds a Streams role's fetch that finds nothing "
          + "new (Kafka's default 500). A fetch is answered as soon as a transaction commits new records, so a longer "
          + "wait costs no latency; it only spares the broker the empty fetches of idle consumers.")
      .validate(Validator.between(100, 30_000));

  public static final List<ConfigKey<?>> KEYS = List.of(COMMIT_INTERVAL, PRODUCER_LINGER, PRODUCER_BATCH_BYTES,
      PRODUCER_COMPRESSION, CONSUMER_FETCH_MAX_WAIT);

  private StreamsTransactions() {}
}
