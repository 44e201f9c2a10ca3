package org.phigate.review.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Browser sessions of the review page, held in memory only: a random session id (the HttpOnly cookie) maps to the
 * reviewer's access token and a CSRF token; a session unused for the idle timeout is gone. Pending logins (state and
 * PKCE verifier of an authorization-code flow) live here too, for ten minutes and one use.
 */
public final class Sessions {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Cache<String, Session> sessions;
  private final Cache<String, String> pendingLogins;

  /** A signed-in browser: the access token it acts with and the CSRF token its state changes must carry. */
  public record Session(String accessToken, String csrfToken) {}

  public Sessions(Duration idleTimeout) {
    this(idleTimeout, Ticker.systemTicker());
  }

  Sessions(Duration idleTimeout, Ticker ticker) {
    sessions = Caffeine.newBuilder().expireAfterAccess(idleTimeout).ticker(ticker).maximumSize(100_000).build();
    pendingLogins = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(10)).ticker(ticker)
        .maximumSize(100_000).build();
  }

  /** A new session for the token; returns its id. */
  public String open(String accessToken) {
    String id = random();
    sessions.put(id, new Session(accessToken, random()));
    return id;
  }

  /** The live session with this id (and counts this use against the idle timeout). */
  public Optional<Session> get(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(sessions.getIfPresent(id));
  }

  public void close(String id) {
    if (id != null) {
      sessions.invalidate(id);
    }
  }

  /** Remembers a login in progress: its state value and PKCE verifier. */
  public void expectLogin(String state, String verifier) {
    pendingLogins.put(state, verifier);
  }

  /** The verifier of a pending login, once: a state value is consumed by its first use. */
  public Optional<String> completeLogin(String state) {
    return state == null ? Optional.empty() : Optional.ofNullable(pendingLogins.asMap().remove(state));
  }

  /** 256 random bits, URL-safe Base64. */
  public static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
