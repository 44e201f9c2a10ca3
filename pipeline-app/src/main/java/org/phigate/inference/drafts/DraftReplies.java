package org.phigate.inference.drafts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.phigate.inference.safety.Resources;
import org.phigate.schema.Urgency;

/**
 * Draft replies a clinician edits and sends, from {@value #RESOURCE}: one per portal-triage category and urgency,
 * a crisis reply (988 and 911) for suicidality and overdose, and short texts for the other workflows. Templates
 * only: no patient text and no diagnosis goes into them.
 */
public final class DraftReplies implements TriageDrafts {
  public static final String RESOURCE = "inference/drafts/replies.tsv";
  /** Portal-triage categories, in the order the model reports them. */
  public static final List<String> CATEGORIES =
      List.of("medication", "symptom", "appointment", "results", "billing", "forms", "other");
  public static final String CRISIS = "crisis";

  private final Map<String, String> replies;

  private DraftReplies(Map<String, String> replies) {
    this.replies = Map.copyOf(replies);
  }

  /** The shipped replies; fails when a category/urgency pair or the crisis reply is missing. */
  public static DraftReplies shipped() {
    return Holder.SHIPPED;
  }

  private static final class Holder {
    static final DraftReplies SHIPPED = load(RESOURCE);
  }

  static DraftReplies load(String resource) {
    Map<String, String> map = new HashMap<>();
    for (String[] row : Resources.rows(resource, 2)) {
      if (map.put(row[0].strip(), row[1].strip()) != null) {
        throw new IllegalStateException(resource + ": duplicate key " + row[0]);
      }
    }
    DraftReplies d = new DraftReplies(map);
    for (String c : CATEGORIES) {
      for (Urgency u : Urgency.values()) {
        d.require(c + "/" + u.name());
      }
    }
    d.require(CRISIS);
    return d;
  }

  /** The reply for a portal-triage category and urgency; the crisis reply when {@code crisis}. */
  @Override
  public String triage(String category, Urgency urgency, boolean crisis) {
    if (crisis) {
      return require(CRISIS);
    }
    String c = CATEGORIES.contains(category) ? category : "other";
    return require(c + "/" + Objects.requireNonNullElse(urgency, Urgency.ROUTINE).name());
  }

  /** The text stored under {@code key} (e.g. {@code result-follow-up/action}). */
  public String require(String key) {
    String r = replies.get(key);
    if (r == null) {
      throw new IllegalStateException(RESOURCE + " has no reply for " + key);
    }
    return r;
  }
}
