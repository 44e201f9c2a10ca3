package org.phigate.review.api;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.phigate.schema.Urgency;

/**
 * The reviewer queue over pending items gathered from every review instance: filtered by workflow, urgency, minimum
 * age and escalation; ordered emergency to routine, then oldest first; with counts per urgency and the oldest age
 * (both over the filtered items).
 */
public record QueueView(List<QueueEntry> items, Map<Urgency, Integer> counts, long oldestAgeSeconds) {
  private static final Comparator<QueueEntry> ORDER = Comparator
      .comparing(QueueEntry::urgency, Comparator.reverseOrder())
      .thenComparingLong(QueueEntry::heldAtMillis)
      .thenComparing(QueueEntry::reviewId);

  /** What a reviewer asked to see; null fields do not filter. */
  public record Filter(String workflow, Urgency urgency, Long minAgeSeconds, Boolean escalated) {
    boolean matches(QueueEntry entry, long nowMillis) {
      return (workflow == null || workflow.equals(entry.workflow()))
          && (urgency == null || urgency == entry.urgency())
          && (minAgeSeconds == null || (nowMillis - entry.heldAtMillis()) / 1000 >= minAgeSeconds)
          && (escalated == null || escalated == entry.escalated());
    }
  }

  public static QueueView of(List<QueueEntry> entries, Filter filter, long nowMillis) {
    List<QueueEntry> pending = entries.stream().filter(e -> "PENDING".equals(e.status()))
        .filter(e -> filter.matches(e, nowMillis)).sorted(ORDER).toList();
    Map<Urgency, Integer> counts = new EnumMap<>(Urgency.class);
    for (Urgency urgency : Urgency.values()) {
      counts.put(urgency, 0);
    }
    pending.forEach(e -> counts.merge(e.urgency(), 1, Integer::sum));
    long oldest = pending.stream().mapToLong(QueueEntry::heldAtMillis).min()
        .stream().map(t -> Math.max(0, (nowMillis - t) / 1000)).findFirst().orElse(0);
    return new QueueView(pending, counts, oldest);
  }
}
