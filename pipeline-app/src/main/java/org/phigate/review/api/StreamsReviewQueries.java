package org.phigate.review.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.phigate.review.ReviewTopology;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.VaultEntry;

/**
 * {@link ReviewQueries} over a running review role: its local {@value ReviewTopology#STORE} through interactive
 * queries, and the other instances from Kafka Streams metadata ({@code application.server} of each instance).
 */
public final class StreamsReviewQueries implements ReviewQueries {
  private final KafkaStreams streams;
  private final HostInfo self;

  /** @param self this instance's advertised host:port, as set in its {@code application.server} */
  public StreamsReviewQueries(KafkaStreams streams, String self) {
    this.streams = streams;
    this.self = HostInfo.buildFromEndpoint(self);
  }

  private ReadOnlyKeyValueStore<String, ReviewItem> store() {
    return streams.store(StoreQueryParameters.fromNameAndType(ReviewTopology.STORE,
        QueryableStoreTypes.<String, ReviewItem>keyValueStore()));
  }

  @Override
  public List<ReviewItem> localItems() {
    List<ReviewItem> items = new ArrayList<>();
    try (KeyValueIterator<String, ReviewItem> all = store().all()) {
      while (all.hasNext()) {
        KeyValue<String, ReviewItem> next = all.next();
        items.add(next.value);
      }
    }
    return items;
  }

  @Override
  public Optional<ReviewItem> localItem(String reviewId) {
    return Optional.ofNullable(store().get(reviewId));
  }

  @Override
  public Optional<DeidentifiedEvent> localSource(String reviewId) {
    return Optional.ofNullable(streams.store(StoreQueryParameters.fromNameAndType(ReviewTopology.SOURCE_STORE,
        QueryableStoreTypes.<String, DeidentifiedEvent>keyValueStore())).get(reviewId));
  }

  @Override
  public VaultEntry vaultEntry(String token) {
    return streams.store(StoreQueryParameters.fromNameAndType(ReviewTopology.VAULT_STORE,
        QueryableStoreTypes.<String, VaultEntry>keyValueStore())).get(token);
  }

  @Override
  public String ownerOf(String reviewId) {
    KeyQueryMetadata metadata = streams.queryMetadataForKey(ReviewTopology.STORE, reviewId, new StringSerializer());
    if (metadata == null || metadata == KeyQueryMetadata.NOT_AVAILABLE || metadata.activeHost().equals(self)
        || metadata.activeHost().port() <= 0) {
      return null;
    }
    return metadata.activeHost().host() + ":" + metadata.activeHost().port();
  }

  @Override
  public List<String> otherInstances() {
    return streams.streamsMetadataForStore(ReviewTopology.STORE).stream().map(StreamsMetadata::hostInfo)
        .filter(h -> !h.equals(self) && h.port() > 0).map(h -> h.host() + ":" + h.port()).distinct().toList();
  }
}
