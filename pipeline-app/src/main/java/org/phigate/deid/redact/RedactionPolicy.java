package org.phigate.deid.redact;

import org.phigate.deid.policy.Action;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phigate.schema.PhiCategory;

/**
 * What redaction does with each Safe Harbor category, per workflow. Categories not mapped are tokenized (fail
 * closed). ZIP codes inside GEO have their own action ({@link #zipCodes()}), recognized by value shape (see
 * {@link ZipCodes#isZip}), because a ZIP may be generalized to ZIP3 while the rest of an address is tokenized.
 */
public record RedactionPolicy(String id, Map<PhiCategory, Action> actions, Action zipCodes) {
  public static final String SAFE_HARBOR_ID = "safe-harbor-v1";
  public static final String DATE_SHIFT_ID = "date-shift-v1";

  public RedactionPolicy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(zipCodes, "zipCodes");
    EnumMap<PhiCategory, Action> all = new EnumMap<>(PhiCategory.class);
    for (PhiCategory category : PhiCategory.values()) {
      all.put(category, actions.getOrDefault(category, Action.TOKEN));
    }
    all.forEach((category, action) -> {
      if (action == Action.DATE_SHIFT && category != PhiCategory.DATE) {
        throw new IllegalArgumentException("DATE_SHIFT applies to DATE only, not " + category);
      }
    });
    if (zipCodes == Action.DATE_SHIFT) {
      throw new IllegalArgumentException("DATE_SHIFT applies to DATE only, not ZIP codes");
    }
    actions = Map.copyOf(all);
  }

  /** HIPAA Safe Harbor: identifiers to tokens, dates to year and ages over 89 to 90+, ZIPs to restricted ZIP3. */
  public static RedactionPolicy safeHarbor() {
    return new RedactionPolicy(SAFE_HARBOR_ID, Map.of(PhiCategory.DATE, Action.GENERALIZE), Action.GENERALIZE);
  }

  /**
   * Safe Harbor, except dates move by the patient's keyed offset so intervals survive. Shifted dates are not Safe
   * Harbor by themselves; use this where the workflow's expert determination allows it.
   */
  public static RedactionPolicy dateShift() {
    return new RedactionPolicy(DATE_SHIFT_ID, Map.of(PhiCategory.DATE, Action.DATE_SHIFT), Action.GENERALIZE);
  }

  /** A copy with another id and one category's action changed. */
  public RedactionPolicy with(String newId, PhiCategory category, Action action) {
    EnumMap<PhiCategory, Action> changed = new EnumMap<>(actions);
    changed.put(category, action);
    return new RedactionPolicy(newId, changed, zipCodes);
  }

  public Action actionFor(PhiCategory category) {
    return actions.get(category);
  }

  /** The action for one value: the ZIP action for a GEO value shaped like a ZIP code, else the category's. */
  public Action actionFor(PhiCategory category, String value) {
    return category == PhiCategory.GEO && ZipCodes.isZip(value) ? zipCodes : actions.get(category);
  }
}
