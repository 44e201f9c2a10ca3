package org.phigate.deid.known;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.phigate.config.DeidConfig;
import org.phigate.deid.detect.KnownIdentifiers;
import org.phigate.deid.policy.Action;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.StructuredField;

/**
 * What the known-identifier store remembers per patient (categories, parties), how much (a cap; least recently seen
 * evicted first) and for how long after the patient's last event.
 */
public record KnownIdentifierPolicy(int maxValues, Set<PhiCategory> categories, Set<String> parties,
                                    Duration retention) {
  public KnownIdentifierPolicy {
    categories = Set.copyOf(categories);
    parties = Set.copyOf(parties);
  }

  public static KnownIdentifierPolicy from(DeidConfig config) {
    return new KnownIdentifierPolicy(config.knownMaxValues(), config.knownCategories(), config.knownParties(),
        config.knownRetention());
  }

  /** Whether a structured field of an event is worth remembering for the patient's later events. */
  public boolean keeps(StructuredField field) {
    return field.getValue() != null && field.getValue().strip().length() >= 2
        && categories.contains(field.getCategory()) && parties.contains(field.getParty());
  }

  /**
   * The remembered identifiers after an event: the earlier ones, then the event's own (a value seen again moves to
   * the end, as the most recently seen, keeping the stricter of its rule actions), the oldest dropped beyond the
   * cap. Order is oldest first.
   */
  public List<StructuredField> merge(List<StructuredField> remembered, List<StructuredField> current) {
    Map<String, StructuredField> byIdentity = new LinkedHashMap<>();
    for (StructuredField f : remembered) {
      byIdentity.put(KnownIdentifiers.identity(f), f);
    }
    for (StructuredField f : current) {
      if (keeps(f)) {
        String identity = KnownIdentifiers.identity(f);
        StructuredField earlier = byIdentity.remove(identity);
        String action = earlier == null ? f.getAction() : Action.stricterName(earlier.getAction(), f.getAction());
        byIdentity.put(identity, Objects.equals(action, f.getAction()) ? f
            : StructuredField.newBuilder(f).setAction(action).build());
      }
    }
    List<StructuredField> out = new ArrayList<>(byIdentity.values());
    return out.size() <= maxValues ? out : List.copyOf(out.subList(out.size() - maxValues, out.size()));
  }

  /**
   * The survivor's identifiers after a merge: the retired patient's values this policy still keeps, as the older
   * ones, then the survivor's own, so the cap evicts the retired values first.
   */
  public List<StructuredField> inherit(List<StructuredField> retired, List<StructuredField> survivor) {
    return merge(retired.stream().filter(this::keeps).toList(), survivor);
  }
}
