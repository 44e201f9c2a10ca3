package org.phigate.review.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.phigate.config.ConfigException;
import org.phigate.config.ReviewConfig;

/**
 * Validates OIDC bearer tokens (JWTs) with Nimbus JOSE+JWT: signature against the issuer's JWKS (URL, cached and
 * refreshed on an unknown key id, or file), exact issuer, audience, exp/nbf with a clock skew, a subject; roles come
 * from a configurable claim. Only asymmetric algorithms are accepted, so a token signed with a shared secret (or
 * {@code alg: none}) never passes.
 */
public final class TokenValidator {
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
      JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.ES256, JWSAlgorithm.ES384);
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final String issuer;
  private final String rolesClaim;

  public TokenValidator(String issuer, JWKSource<SecurityContext> keys, String audience, Duration clockSkew,
                        String rolesClaim) {
    this.issuer = issuer;
    this.rolesClaim = rolesClaim;
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
        new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat"), Set.of());
    claims.setMaxClockSkew((int) clockSkew.toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** The validator the review role's config describes (JWKS from review.auth.jwks.url or .file). */
  public static TokenValidator fromConfig(ReviewConfig config) {
    String url = config.get(ReviewConfig.JWKS_URL);
    JWKSource<SecurityContext> keys;
    try {
      if (!url.isBlank()) {
        URL jwks = URI.create(url.trim()).toURL();
        keys = JWKSourceBuilder.create(jwks).retrying(true).build();
      } else {
        keys = new ImmutableJWKSet<>(JWKSet.load(Path.of(config.get(ReviewConfig.JWKS_FILE).trim()).toFile()));
      }
    } catch (IOException | ParseException | IllegalArgumentException e) {
      throw new ConfigException(ReviewConfig.JWKS_FILE.name() + " / " + ReviewConfig.JWKS_URL.name()
          + ": cannot read a JSON Web Key Set (" + e.getClass().getSimpleName() + ")");
    }
    return new TokenValidator(config.get(ReviewConfig.ISSUER).trim(), keys, config.get(ReviewConfig.AUDIENCE),
        config.clockSkew(), config.get(ReviewConfig.ROLES_CLAIM));
  }

  public String issuer() {
    return issuer;
  }

  /** The principal of a valid token; throws with a fixed code (never the token or its claims) otherwise. */
  public ReviewPrincipal validate(String token) throws InvalidTokenException {
    if (token == null || token.isBlank()) {
      throw new InvalidTokenException("TOKEN_MISSING");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token.trim(), null);
    } catch (ParseException e) {
      throw new InvalidTokenException("TOKEN_MALFORMED");
    } catch (ExpiredJWTException e) {
      throw new InvalidTokenException("TOKEN_EXPIRED");
    } catch (BadJWTException e) {
      throw new InvalidTokenException("TOKEN_CLAIMS_REJECTED");
    } catch (BadJOSEException e) {
      throw new InvalidTokenException("TOKEN_SIGNATURE_REJECTED");
    } catch (JOSEException e) {
      throw new InvalidTokenException("TOKEN_KEYS_UNAVAILABLE");
    }
    return new ReviewPrincipal(claims.getSubject(), claims.getIssuer(), roles(claims.getClaims()));
  }

  private Set<ReviewerRole> roles(Map<String, Object> claims) {
    Object node = claims;
    for (String part : rolesClaim.split("\\.")) {
      node = node instanceof Map<?, ?> map ? map.get(part) : null;
    }
    Set<ReviewerRole> roles = EnumSet.noneOf(ReviewerRole.class);
    if (node instanceof Collection<?> values) {
      values.forEach(v -> ReviewerRole.fromClaim(String.valueOf(v)).ifPresent(roles::add));
    } else if (node instanceof String value) {
      for (String v : value.split("[ ,]+")) {
        ReviewerRole.fromClaim(v).ifPresent(roles::add);
      }
    }
    return roles;
  }
}
