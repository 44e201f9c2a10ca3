package org.phigate.review;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.phigate.schema.EscalationReason;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;

/**
 * Escalates held items: forwards those escalated on arrival, indexes the others by deadline in
 * {@value ReviewTopology#SLA_STORE}, and on a wall-clock punctuation escalates each pending item whose deadline has
 * passed, once (the hold store marks it escalated in the same transaction as the record it forwards).
 */
final class SlaCheck implements Processor<String, ReviewStage.Held, String, Escalations.Escalated> {
  private static final String SEPARATOR = "|";
  private final Escalations escalations;
  private final Duration interval;
  private final int maxPerCheck;
  private ProcessorContext<String, Escalations.Escalated> context;
  private KeyValueStore<String, ReviewItem> items;
  private KeyValueStore<String, String> deadlines;

  SlaCheck(Escalations escalations, Duration interval, int maxPerCheck) {
    this.escalations = escalations;
    this.interval = interval;
    this.maxPerCheck = maxPerCheck;
  }

  @Override
  public void init(ProcessorContext<String, Escalations.Escalated> context) {
    this.context = context;
    this.items = context.getStateStore(ReviewTopology.STORE);
    this.deadlines = context.getStateStore(ReviewTopology.SLA_STORE);
    context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::check);
  }

  @Override
  public void process(Record<String, ReviewStage.Held> record) {
    ReviewStage.Held held = record.value();
    if (held.escalation() != null) {
      context.forward(new Record<>(record.key(), held.escalation(), record.timestamp()));
    } else if (held.item() != null && held.item().getDueAt() != null && !held.item().getEscalated()) {
      deadlines.put(deadlineKey(held.item().getDueAt().toEpochMilli(), held.item().getReviewId()),
          held.item().getReviewId());
    }
  }

  /** Escalates what is due at {@code now}: deadline keys sort by time, so a range scan finds exactly those. */
  private void check(long now) {
    List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> it = deadlines.range(deadlineKey(0, ""), deadlineKey(now + 1, ""))) {
      while (it.hasNext() && due.size() < maxPerCheck) {
        due.add(it.next());
      }
    }
    Instant at = Instant.ofEpochMilli(now);
    for (KeyValue<String, String> entry : due) {
      deadlines.delete(entry.key);
      ReviewItem item = items.get(entry.value);
      // a decided or already escalated item only leaves the index
      if (item != null && item.getStatus() == ReviewStatus.PENDING && Escalations.overdue(item, at)) {
        Escalations.Escalated escalated = escalations.escalate(item, EscalationReason.SLA_EXCEEDED, at);
        items.put(entry.value, escalated.item());
        context.forward(new Record<>(entry.value, escalated, now));
      }
    }
  }

  /** Zero-padded deadline millis, then the review id: lexicographic order is deadline order. */
  static String deadlineKey(long dueMillis, String reviewId) {
    return String.format("%019d", dueMillis) + SEPARATOR + reviewId;
  }
}
