package org.phigate.review.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.review.auth.InvalidTokenException;
import org.phigate.review.auth.ReviewPrincipal;
import org.phigate.review.auth.TokenValidator;
import org.phigate.review.web.Sessions;
import org.phigate.schema.Urgency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP side of the reviewer API ({@code /api/v1}): bearer tokens (or the page's session cookie, whose state changes
 * need a matching CSRF header), security headers and {@code no-store} on every answer, JSON in and out. Logs hold
 * the route and status only, never a URL, token or body.
 */
final class ReviewApiServlet extends HttpServlet {
  static final String SESSION_COOKIE = "phigate_session";
  static final String CSRF_COOKIE = "phigate_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final Logger LOG = LoggerFactory.getLogger(ReviewApiServlet.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ITEM = Pattern.compile("/items/(rv-[A-Za-z0-9._:-]{1,200})");
  private static final Pattern DECISION = Pattern.compile("/items/(rv-[A-Za-z0-9._:-]{1,200})/decision");
  private static final int MAX_BODY_BYTES = 256 * 1024;
  private final transient ReviewApi api;
  private final transient TokenValidator tokens;
  private final transient Sessions sessions;

  /** {@code sessions} null: the session cookie carries the token itself (API without the page). */
  ReviewApiServlet(ReviewApi api, TokenValidator tokens, Sessions sessions) {
    this.api = api;
    this.tokens = tokens;
    this.sessions = sessions;
  }

  /** The caller's credentials: the token and whether it came from the page's cookie. */
  private record Credentials(String token, boolean cookie) {}

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    securityHeaders(response);
    String path = request.getPathInfo() == null ? "" : request.getPathInfo();
    String route = "other";
    ApiResponse answer;
    try {
      Credentials credentials = credentials(request);
      ReviewPrincipal who = tokens.validate(credentials.token());
      boolean local = "local".equals(request.getParameter("scope"));
      String authorization = "Bearer " + credentials.token();
      Matcher item = ITEM.matcher(path);
      Matcher decision = DECISION.matcher(path);
      if (path.equals("/queue") && request.getMethod().equals("GET")) {
        route = "queue";
        answer = filter(request) == null ? ApiResponse.error(400, "BAD_FILTER",
            "filters: workflow, urgency (routine|soon|urgent|emergency), minAgeSeconds (>= 0), escalated (true|false)")
            : api.queue(who, filter(request), local, authorization);
      } else if (item.matches() && request.getMethod().equals("GET")) {
        route = "item";
        answer = api.item(who, item.group(1), local, authorization);
      } else if (decision.matches() && request.getMethod().equals("POST")) {
        route = "decision";
        answer = credentials.cookie() && !csrfOk(request) ? ApiResponse.error(403, "CSRF",
            "a state change with the session cookie needs the " + CSRF_HEADER + " header matching its cookie")
            : !json(request) ? ApiResponse.error(415, "UNSUPPORTED_MEDIA_TYPE", "send application/json")
            : api.decide(who, decision.group(1), body(request), local, authorization);
      } else {
        answer = ApiResponse.error(item.matches() || decision.matches() || path.equals("/queue") ? 405 : 404,
            "NOT_FOUND", "see deploy/openapi/review-api.yaml for the routes and methods");
      }
    } catch (InvalidTokenException e) {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"phigate-review\", error=\"invalid_token\"");
      answer = ApiResponse.error(401, e.getMessage(), "a valid bearer token from the configured issuer is required");
    } catch (BodyTooLarge e) {
      answer = ApiResponse.error(413, "BODY_TOO_LARGE", "the body is larger than " + MAX_BODY_BYTES + " bytes");
    } catch (ReviewSinks.SinkException e) {
      LOG.warn("reviewer API {}: the broker did not acknowledge ({})", route, e.getMessage());
      answer = ApiResponse.error(503, "NOT_RECORDED", "the broker did not acknowledge; nothing was shown or changed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = ApiResponse.error(503, "INTERRUPTED", "the server is stopping");
    } catch (IOException | RuntimeException e) {
      LOG.warn("reviewer API {} failed ({})", route, e.getClass().getSimpleName());
      answer = ApiResponse.error(502, "INSTANCE_UNREACHABLE", "another review instance could not be reached");
    }
    if (answer.status() >= 400) {
      LOG.info("reviewer API {} -> {}", route, answer.status());
    }
    response.setStatus(answer.status());
    response.setContentType("application/json;charset=utf-8");
    response.getOutputStream().write(JSON.writeValueAsBytes(answer.body()));
  }

  static void securityHeaders(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
  }

  private Credentials credentials(HttpServletRequest request) throws InvalidTokenException {
    String header = request.getHeader("Authorization");
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw new InvalidTokenException("TOKEN_MISSING");
      }
      return new Credentials(header.substring(7).trim(), false);
    }
    String session = cookie(request, SESSION_COOKIE);
    if (session == null) {
      throw new InvalidTokenException("TOKEN_MISSING");
    }
    if (sessions != null) {
      // with the page, the cookie is a session id: an idle or unknown session is no credential
      return new Credentials(sessions.get(session).map(Sessions.Session::accessToken)
          .orElseThrow(() -> new InvalidTokenException("SESSION_EXPIRED")), true);
    }
    return new Credentials(session, true);
  }

  /** Double-submit check: the header equals the CSRF cookie, and a cross-site Origin is refused outright. */
  private boolean csrfOk(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (origin != null && !origin.equals(request.getScheme() + "://" + request.getHeader("Host"))) {
      return false;
    }
    String cookie = cookie(request, CSRF_COOKIE);
    String header = request.getHeader(CSRF_HEADER);
    if (sessions != null) {
      cookie = sessions.get(cookie(request, SESSION_COOKIE)).map(Sessions.Session::csrfToken).orElse(null);
    }
    return cookie != null && header != null && cookie.length() >= 16
        && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
  }

  private static String cookie(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (cookie.getName().equals(name)) {
        return cookie.getValue();
      }
    }
    return null;
  }

  private static boolean json(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
  }

  private static QueueView.Filter filter(HttpServletRequest request) {
    try {
      String urgency = request.getParameter("urgency");
      String minAge = request.getParameter("minAgeSeconds");
      String escalated = request.getParameter("escalated");
      if (escalated != null && !escalated.equals("true") && !escalated.equals("false")) {
        return null;
      }
      Long age = minAge == null ? null : Long.valueOf(minAge);
      if (age != null && age < 0) {
        return null;
      }
      return new QueueView.Filter(request.getParameter("workflow"),
          urgency == null ? null : Urgency.valueOf(urgency.toUpperCase(Locale.ROOT)), age,
          escalated == null ? null : Boolean.valueOf(escalated));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String body(HttpServletRequest request) throws IOException, BodyTooLarge {
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new BodyTooLarge();
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static final class BodyTooLarge extends Exception {
    BodyTooLarge() {
      super(null, null, false, false);
    }
  }
}
