package org.phigate.review.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.phigate.review.auth.InvalidTokenException;
import org.phigate.review.auth.ReviewPrincipal;
import org.phigate.review.auth.ReviewerRole;
import org.phigate.review.auth.TokenValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reviewer web page: {@code /} (the queue and item view, a static page whose script calls the JSON API with the
 * session cookie), {@code /login} and {@code /login/callback} (OIDC authorization code with PKCE), {@code /logout},
 * and {@code /static/*}. Cookies are HttpOnly, SameSite=Strict (Secure over TLS); every answer is no-store with a
 * CSP that allows only this origin's script and style. Nothing of a patient travels in a URL or browser storage.
 */
public final class ReviewPageServlet extends HttpServlet {
  /** Cookie holding the session id (never the token itself). */
  public static final String SESSION_COOKIE = "phigate_session";
  /** Cookie holding the session's CSRF token (double-submit check of the API). */
  public static final String CSRF_COOKIE = "phigate_csrf";
  private static final String LOGIN_COOKIE = "phigate_login";
  private static final Logger LOG = LoggerFactory.getLogger(ReviewPageServlet.class);
  private static final Map<String, String> STATIC = Map.of("/static/app.js", "text/javascript;charset=utf-8",
      "/static/app.css", "text/css;charset=utf-8");
  private final transient Sessions sessions;
  private final transient TokenValidator tokens;
  private final transient OidcClient oidc;
  private final transient PageSettings settings;
  private final String indexTemplate;

  public ReviewPageServlet(PageSettings settings, Sessions sessions, TokenValidator tokens) {
    this.settings = settings;
    this.sessions = sessions;
    this.tokens = tokens;
    this.oidc = new OidcClient(settings);
    this.indexTemplate = resource("/review/web/index.html");
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    headers(response);
    String path = request.getRequestURI();
    String method = request.getMethod();
    if (method.equals("GET") && STATIC.containsKey(path)) {
      response.setContentType(STATIC.get(path));
      response.getOutputStream().write(resource("/review/web" + path.substring("/static".length()))
          .getBytes(StandardCharsets.UTF_8));
    } else if (method.equals("GET") && path.equals("/")) {
      index(request, response);
    } else if (method.equals("GET") && path.equals("/login")) {
      login(request, response);
    } else if (method.equals("GET") && path.equals("/login/callback")) {
      callback(request, response);
    } else if (method.equals("POST") && path.equals("/logout")) {
      logout(request, response);
    } else {
      message(response, 404, "Not found", "There is no page here.", true);
    }
  }

  private void index(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<Sessions.Session> session = sessions.get(cookie(request, SESSION_COOKIE));
    Optional<ReviewPrincipal> who = session.flatMap(s -> principal(s.accessToken()));
    if (who.isEmpty()) {
      response.setStatus(302);
      response.setHeader("Location", "/login");
      return;
    }
    String html = indexTemplate.replace("{{csrf}}", session.get().csrfToken())
        .replace("{{subject}}", escape(who.get().subject()))
        .replace("{{role}}", who.get().may(ReviewerRole.REVIEWER) ? "reviewer" : "auditor")
        .replace("{{rejectOptions}}", options(settings.rejectReasons()))
        .replace("{{redraftOptions}}", options(settings.redraftReasons()));
    response.setContentType("text/html;charset=utf-8");
    response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
  }

  private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String state = Sessions.random();
    String verifier = Sessions.random();
    URI authorize;
    try {
      authorize = oidc.authorizeUri(state, verifier);
    } catch (OidcClient.LoginFailed e) {
      LOG.warn("review page login: the issuer could not be reached ({})", e.getMessage());
      message(response, 503, "Sign-in unavailable", "The identity provider could not be reached. Try again shortly.",
          false);
      return;
    }
    sessions.expectLogin(state, verifier);
    // Lax, not Strict: the browser comes back from the issuer's site and must bring this cookie along
    setCookie(request, response, LOGIN_COOKIE, state, 600, "Lax");
    response.setStatus(302);
    response.setHeader("Location", authorize.toString());
  }

  private void callback(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String state = request.getParameter("state");
    String code = request.getParameter("code");
    String bound = cookie(request, LOGIN_COOKIE);
    setCookie(request, response, LOGIN_COOKIE, "", 0, "Lax");
    if (state == null || code == null || bound == null || !MessageDigest.isEqual(
        state.getBytes(StandardCharsets.UTF_8), bound.getBytes(StandardCharsets.UTF_8))) {
      LOG.info("review page login refused: STATE_MISMATCH");
      message(response, 400, "Sign-in failed", "This sign-in link is not valid any more. Start again.", false);
      return;
    }
    Optional<String> verifier = sessions.completeLogin(state);
    if (verifier.isEmpty()) {
      LOG.info("review page login refused: STATE_UNKNOWN");
      message(response, 400, "Sign-in failed", "This sign-in link has expired or was used. Start again.", false);
      return;
    }
    String token;
    try {
      token = oidc.exchange(code, verifier.get());
    } catch (OidcClient.LoginFailed e) {
      LOG.info("review page login refused: {}", e.getMessage());
      message(response, 502, "Sign-in failed", "The identity provider did not confirm the sign-in. Start again.",
          false);
      return;
    }
    Optional<ReviewPrincipal> who = principal(token);
    if (who.isEmpty() || !(who.get().may(ReviewerRole.REVIEWER) || who.get().may(ReviewerRole.AUDITOR))) {
      LOG.info("review page login refused: {}", who.isEmpty() ? "TOKEN_INVALID" : "NO_REVIEW_ROLE");
      message(response, 403, "No access", "Your account does not hold the reviewer or auditor role.", false);
      return;
    }
    String id = sessions.open(token);
    setCookie(request, response, SESSION_COOKIE, id, -1, "Strict");
    setCookie(request, response, CSRF_COOKIE, sessions.get(id).orElseThrow().csrfToken(), -1, "Strict");
    // a page of our own instead of a redirect: a SameSite=Strict cookie is not sent on a navigation that a
    // cross-site redirect chain started, so the browser continues from this same-site page
    response.setContentType("text/html;charset=utf-8");
    response.getOutputStream().write(("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta http-equiv=\"refresh\" content=\"0;url=/\"><title>Signed in</title>"
        + "<link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main><h1>Signed in</h1>"
        + "<p><a href=\"/\">Continue to the review queue</a></p></main></body></html>").getBytes(StandardCharsets.UTF_8));
  }

  private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String id = cookie(request, SESSION_COOKIE);
    Optional<Sessions.Session> session = sessions.get(id);
    String sent = request.getParameter("csrf");
    if (session.isPresent() && (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        session.get().csrfToken().getBytes(StandardCharsets.UTF_8)))) {
      message(response, 403, "Not signed out", "The sign-out form was not sent by this page.", false);
      return;
    }
    sessions.close(id);
    setCookie(request, response, SESSION_COOKIE, "", 0, "Strict");
    setCookie(request, response, CSRF_COOKIE, "", 0, "Strict");
    message(response, 200, "Signed out", "You are signed out.", true);
  }

  private Optional<ReviewPrincipal> principal(String token) {
    try {
      return Optional.of(tokens.validate(token));
    } catch (InvalidTokenException e) {
      return Optional.empty();
    }
  }

  /** The page's headers: no caching, no framing, script and style from this origin only. */
  static void headers(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
        + "connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
  }

  private static void setCookie(HttpServletRequest request, HttpServletResponse response, String name, String value,
                                int maxAge, String sameSite) {
    StringBuilder cookie = new StringBuilder(name).append('=').append(value).append("; Path=/; HttpOnly; SameSite=")
        .append(sameSite);
    if (maxAge >= 0) {
      cookie.append("; Max-Age=").append(maxAge);
    }
    if (request.isSecure()) {
      cookie.append("; Secure");
    }
    response.addHeader("Set-Cookie", cookie.toString());
  }

  private static String cookie(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (cookie.getName().equals(name)) {
          return cookie.getValue();
        }
      }
    }
    return null;
  }

  private static void message(HttpServletResponse response, int status, String title, String text, boolean signIn)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/html;charset=utf-8");
    response.getOutputStream().write(("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + title + "</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main><h1>" + title
        + "</h1><p>" + text + "</p>" + (signIn ? "<p><a href=\"/login\">Sign in</a></p>" : "<p><a href=\"/login\">"
        + "Sign in again</a></p>") + "</main></body></html>").getBytes(StandardCharsets.UTF_8));
  }

  private static String options(List<String> codes) {
    return codes.stream().map(c -> "<option value=\"" + escape(c) + "\">" + escape(label(c)) + "</option>")
        .collect(Collectors.joining());
  }

  private static String label(String code) {
    String words = code.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static String resource(String name) {
    try (InputStream in = ReviewPageServlet.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
