package org.phigate.review.web;

import java.time.Duration;
import java.util.List;

/**
 * What the review page needs to log people in: the issuer, its authorize and token endpoints (blank = discovered),
 * this page's OIDC client id and optional secret, the redirect URL registered with the issuer, the session idle
 * timeout, and the reason codes offered for reject and request-redraft.
 */
public record PageSettings(String issuer, String authorizeUrl, String tokenUrl, String clientId, String clientSecret,
                           String redirectUrl, Duration idleTimeout, List<String> rejectReasons,
                           List<String> redraftReasons) {
  public PageSettings {
    rejectReasons = List.copyOf(rejectReasons);
    redraftReasons = List.copyOf(redraftReasons);
  }

  /** The same settings with another redirect URL (once the server knows its port). */
  public PageSettings withRedirectUrl(String url) {
    return new PageSettings(issuer, authorizeUrl, tokenUrl, clientId, clientSecret, url, idleTimeout, rejectReasons,
        redraftReasons);
  }
}
