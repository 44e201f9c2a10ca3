package org.phigate.streams;

import java.time.Instant;
import org.apache.kafka.common.header.Headers;

/** A stage step: one input value (with its key, headers and record time) to one outcome value. */
@FunctionalInterface
public interface ValueStage<V, R> {
  R apply(String key, V value, Headers headers, Instant recordTime);
}
