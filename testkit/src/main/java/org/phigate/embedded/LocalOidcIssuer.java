package org.phigate.embedded;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.net.URI;
import java.net.URLEncoder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A small local OpenID Connect issuer for the demo and tests, on loopback: an RSA signing key generated at start
 * (never written anywhere), {@code /.well-known/openid-configuration}, {@code /jwks}, an {@code /authorize} endpoint
 * with a login form for the demo users (authorization code with PKCE S256, loopback redirect URLs only) and a
 * {@code /token} endpoint that redeems such a code once, or issues a token for any subject and roles asked for. A
 * stand-in, never for production.
 */
public final class LocalOidcIssuer implements AutoCloseable {
  /** Audience of the tokens it issues by default (the reviewer API's default review.auth.audience). */
  public static final String AUDIENCE = "phigate-review";
  /** Demo users and their roles; they all share {@link #demoPassword()}. */
  public static final Map<String, List<String>> DEMO_USERS = Map.of("demo-nurse", List.of("reviewer"),
      "demo-auditor", List.of("auditor"), "demo-admin", List.of("admin"));
  private final Server jetty;
  private final RSAKey key;
  private final String issuer;
  private final String demoPassword = UUID.randomUUID().toString().substring(0, 8);
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();

  private record Grant(String subject, List<String> roles, String clientId, String redirectUri, String challenge,
                       Instant expires) {}

  private LocalOidcIssuer(Server jetty, RSAKey key, String issuer) {
    this.jetty = jetty;
    this.key = key;
    this.issuer = issuer;
  }

  /** Starts on 127.0.0.1 and a free port with a fresh 2048-bit RSA key. */
  public static LocalOidcIssuer start() {
    RSAKey key;
    try {
      key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).algorithm(JWSAlgorithm.RS256).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
    }
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the local OIDC issuer", e);
    }
    String issuer = "http://127.0.0.1:" + connector.getLocalPort();
    LocalOidcIssuer local = new LocalOidcIssuer(jetty, key, issuer);
    context.addServlet(new ServletHolder(local.new Endpoints()), "/*");
    return local;
  }

  public String issuer() {
    return issuer;
  }

  public String jwksUrl() {
    return issuer + "/jwks";
  }

  public String tokenUrl() {
    return issuer + "/token";
  }

  public String authorizeUrl() {
    return issuer + "/authorize";
  }

  /** The password of every demo user, generated at start (printed by the demo). */
  public String demoPassword() {
    return demoPassword;
  }

  /** The public keys as a JWKS document (for review.auth.jwks.file). */
  public String jwksJson() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  /** A token for the subject with the roles, valid for the given time. */
  public String token(String subject, List<String> roles, Duration validFor) {
    return sign(subject, roles, Instant.now(), validFor, AUDIENCE);
  }

  /** A token that expired {@code ago} ago (for tests of expiry). */
  public String expiredToken(String subject, List<String> roles, Duration ago) {
    return sign(subject, roles, Instant.now().minus(ago).minus(Duration.ofMinutes(5)), Duration.ofMinutes(5),
        AUDIENCE);
  }

  /** A token with another audience. */
  public String tokenFor(String audience, String subject, List<String> roles) {
    return sign(subject, roles, Instant.now(), Duration.ofMinutes(5), audience);
  }

  private String sign(String subject, List<String> roles, Instant issued, Duration validFor, String audience) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
        .issueTime(Date.from(issued)).notBeforeTime(Date.from(issued)).expirationTime(Date.from(issued.plus(validFor)))
        .jwtID(UUID.randomUUID().toString()).claim("roles", roles).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
        .type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      // already stopped
    }
  }

  private final class Endpoints extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      switch (request.getRequestURI()) {
        case "/.well-known/openid-configuration" -> json(response, 200, "{\"issuer\":\"" + issuer
            + "\",\"jwks_uri\":\"" + jwksUrl() + "\",\"token_endpoint\":\"" + tokenUrl()
            + "\",\"authorization_endpoint\":\"" + authorizeUrl()
            + "\",\"response_types_supported\":[\"code\",\"token\"],\"subject_types_supported\":[\"public\"],"
            + "\"code_challenge_methods_supported\":[\"S256\"],"
            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
        case "/jwks" -> json(response, 200, jwksJson());
        case "/authorize" -> loginForm(request, response, null);
        default -> json(response, 404, "{\"error\":\"not_found\"}");
      }
    }

    /** {@code POST /token} with form fields {@code sub} and {@code role} (repeatable), {@code expires_in} seconds. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      if (request.getRequestURI().equals("/authorize")) {
        authorize(request, response);
        return;
      }
      if (!request.getRequestURI().equals("/token")) {
        json(response, 404, "{\"error\":\"not_found\"}");
        return;
      }
      if ("authorization_code".equals(request.getParameter("grant_type"))) {
        redeem(request, response);
        return;
      }
      String subject = request.getParameter("sub");
      String[] roles = request.getParameterValues("role");
      long seconds;
      try {
        seconds = request.getParameter("expires_in") == null ? 900 : Long.parseLong(request.getParameter("expires_in"));
      } catch (NumberFormatException e) {
        seconds = -1;
      }
      if (subject == null || !subject.matches("[A-Za-z0-9._@-]{1,64}") || roles == null || seconds < 1
          || seconds > 86_400) {
        json(response, 400, "{\"error\":\"invalid_request\",\"error_description\":\"sub (1-64 of A-Z a-z 0-9 . _ @ -),"
            + " role (repeatable) and expires_in (1-86400 s) are required\"}");
        return;
      }
      String token = token(subject, List.of(roles), Duration.ofSeconds(seconds));
      json(response, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + seconds
          + "}");
    }

    private void loginForm(HttpServletRequest request, HttpServletResponse response, String error)
        throws IOException {
      String redirect = request.getParameter("redirect_uri");
      if (!"code".equals(request.getParameter("response_type")) || request.getParameter("client_id") == null
          || !loopback(redirect) || request.getParameter("code_challenge") == null
          || !"S256".equals(request.getParameter("code_challenge_method"))) {
        json(response, 400, "{\"error\":\"invalid_request\",\"error_description\":\"response_type=code, client_id,"
            + " a loopback redirect_uri and code_challenge with code_challenge_method=S256 are required\"}");
        return;
      }
      StringBuilder hidden = new StringBuilder();
      for (String field : List.of("client_id", "redirect_uri", "state", "code_challenge")) {
        String value = request.getParameter(field);
        hidden.append("<input type=\"hidden\" name=\"").append(field).append("\" value=\"")
            .append(escape(value == null ? "" : value)).append("\">");
      }
      response.setStatus(error == null ? 200 : 401);
      response.setContentType("text/html;charset=utf-8");
      response.setHeader("Cache-Control", "no-store");
      // form-action also governs where the form's answer redirects to: the client's callback origin
      URI back = URI.create(redirect);
      response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
          + "form-action 'self' " + back.getScheme() + "://" + back.getAuthority() + "; frame-ancestors 'none'");
      response.getOutputStream().write(("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
          + "<title>Sign in: PHIGate demo issuer</title><style>body{font:16px system-ui,sans-serif;margin:2rem;"
          + "color:#1a1a1a}label{display:block;margin-top:.75rem}input{font:inherit;padding:.3rem}"
          + "button{font:inherit;margin-top:1rem;padding:.4rem 1rem;background:#0b3d5c;color:#fff;border:0}"
          + ":focus-visible{outline:3px solid #b35900}</style></head><body><main><h1>Sign in</h1>"
          + "<p>Local demo issuer: users demo-nurse (reviewer), demo-auditor, demo-admin; the password is printed "
          + "by the demo.</p>" + (error == null ? "" : "<p role=\"alert\">" + error + "</p>")
          + "<form method=\"post\" action=\"/authorize\">" + hidden
          + "<label for=\"username\">User name</label><input id=\"username\" name=\"username\" "
          + "autocomplete=\"username\" required><label for=\"password\">Password</label><input id=\"password\" "
          + "name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
          + "<button type=\"submit\">Sign in</button></form></main></body></html>").getBytes(StandardCharsets.UTF_8));
    }

    private void authorize(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String redirect = request.getParameter("redirect_uri");
      String user = request.getParameter("username");
      String password = request.getParameter("password");
      if (!loopback(redirect) || request.getParameter("client_id") == null
          || request.getParameter("code_challenge") == null) {
        json(response, 400, "{\"error\":\"invalid_request\"}");
        return;
      }
      if (user == null || !DEMO_USERS.containsKey(user) || password == null || !MessageDigest.isEqual(
          password.getBytes(StandardCharsets.UTF_8), demoPassword.getBytes(StandardCharsets.UTF_8))) {
        loginForm(new AuthorizeParams(request), response, "Unknown user name or wrong password.");
        return;
      }
      String code = UUID.randomUUID().toString();
      codes.put(code, new Grant(user, DEMO_USERS.get(user), request.getParameter("client_id"), redirect,
          request.getParameter("code_challenge"), Instant.now().plusSeconds(60)));
      String state = request.getParameter("state");
      response.setStatus(302);
      response.setHeader("Location", redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
          + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)));
    }

    private void redeem(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String code = request.getParameter("code");
      Grant grant = code == null ? null : codes.remove(code);
      String verifier = request.getParameter("code_verifier");
      if (grant == null || grant.expires().isBefore(Instant.now()) || verifier == null
          || !grant.redirectUri().equals(request.getParameter("redirect_uri"))
          || !grant.clientId().equals(request.getParameter("client_id"))
          || !grant.challenge().equals(s256(verifier))) {
        json(response, 400, "{\"error\":\"invalid_grant\"}");
        return;
      }
      String token = token(grant.subject(), grant.roles(), Duration.ofMinutes(60));
      json(response, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private void json(HttpServletResponse response, int status, String body) throws IOException {
      response.setStatus(status);
      response.setContentType("application/json");
      response.setHeader("Cache-Control", "no-store");
      response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static boolean loopback(String uri) {
    return uri != null && (uri.startsWith("http://127.0.0.1:") || uri.startsWith("http://localhost:"))
        && !uri.contains("#");
  }

  private static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** The authorize request's fields as the login form shows them again after a failed attempt. */
  private static final class AuthorizeParams extends jakarta.servlet.http.HttpServletRequestWrapper {
    AuthorizeParams(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getParameter(String name) {
      return switch (name) {
        case "response_type" -> "code";
        case "code_challenge_method" -> "S256";
        default -> super.getParameter(name);
      };
    }
  }
}
