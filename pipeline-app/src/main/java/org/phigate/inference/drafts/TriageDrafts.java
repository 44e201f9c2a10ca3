package org.phigate.inference.drafts;

import org.phigate.schema.Urgency;

/**
 * Picks the draft reply of a portal-triage result whose urgency the safety net changed (the crisis reply for a
 * crisis): {@link DraftReplies} in production, a stand-in where a test needs the draft step to fail.
 */
@FunctionalInterface
public interface TriageDrafts {

  /** The reply for {@code category} at {@code urgency}; the crisis reply when {@code crisis}. */
  String triage(String category, Urgency urgency, boolean crisis);
}
