package org.phigate.review.auth;

import java.util.Set;

/** The person behind a validated token: subject and issuer (together their identity) and the review roles held. */
public record ReviewPrincipal(String subject, String issuer, Set<ReviewerRole> roles) {
  public ReviewPrincipal {
    roles = Set.copyOf(roles);
  }

  /** True when the principal holds the role, or admin. */
  public boolean may(ReviewerRole role) {
    return roles.contains(role) || roles.contains(ReviewerRole.ADMIN);
  }

  /** The role recorded with a decision: the strongest one held. */
  public String decidingRole() {
    return roles.contains(ReviewerRole.ADMIN) ? ReviewerRole.ADMIN.id() : ReviewerRole.REVIEWER.id();
  }
}
