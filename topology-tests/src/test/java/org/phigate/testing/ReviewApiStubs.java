package org.phigate.testing;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.phigate.embedded.LocalOidcIssuer;
import org.phigate.review.api.ReviewQueries;
import org.phigate.review.api.ReviewSinks;
import org.phigate.review.auth.TokenValidator;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.VaultEntry;

/**
 * What a reviewer API needs around it when a test looks only at its edge (TLS, sign-in, sessions): the local issuer's
 * token validator, an empty hold store and sinks that take no decision.
 */
public final class ReviewApiStubs {
  private ReviewApiStubs() {}

  /** Validates the local issuer's tokens for the reviewer API's audience, roles from the {@code roles} claim. */
  public static TokenValidator tokens(LocalOidcIssuer issuer) throws ParseException {
    return new TokenValidator(issuer.issuer(), new ImmutableJWKSet<>(JWKSet.parse(issuer.jwksJson())),
        LocalOidcIssuer.AUDIENCE, Duration.ofSeconds(60), "roles");
  }

  /** A hold store on a single instance: every key is this instance's, and there is no other. */
  public abstract static class OneInstance implements ReviewQueries {
    @Override
    public String ownerOf(String reviewId) {
      return null;
    }

    @Override
    public List<String> otherInstances() {
      return List.of();
    }
  }

  /** A hold store with no item, no source, no vault entry and no other instance. */
  public static ReviewQueries noItems() {
    return new OneInstance() {
      @Override
      public List<ReviewItem> localItems() {
        return List.of();
      }

      @Override
      public Optional<ReviewItem> localItem(String reviewId) {
        return Optional.empty();
      }

      @Override
      public Optional<DeidentifiedEvent> localSource(String reviewId) {
        return Optional.empty();
      }

      @Override
      public VaultEntry vaultEntry(String token) {
        return null;
      }
    };
  }

  /** Sinks that fail the test on any decision; audit events are dropped (nothing shown here is a PHI view). */
  public static ReviewSinks noDecisions() {
    return new ReviewSinks() {
      @Override
      public void decision(String reviewId, ReviewDecision decision) {
        throw new AssertionError("no decision may be written here");
      }

      @Override
      public void audit(AuditEvent event) {
        // nothing is shown here that would be audited
      }

      @Override
      public void close() {
        // nothing held
      }
    };
  }
}
