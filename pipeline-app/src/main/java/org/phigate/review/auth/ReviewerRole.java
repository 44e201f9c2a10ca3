package org.phigate.review.auth;

import java.util.Locale;
import java.util.Optional;

/** What a person may do in review: decide (reviewer), read the audit view (auditor), everything (admin). */
public enum ReviewerRole {
  REVIEWER, AUDITOR, ADMIN;

  /** The role's name in a token's roles claim. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role a claim value names, if any (unknown values are ignored, never an error). */
  public static Optional<ReviewerRole> fromClaim(String value) {
    for (ReviewerRole role : values()) {
      if (role.id().equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
