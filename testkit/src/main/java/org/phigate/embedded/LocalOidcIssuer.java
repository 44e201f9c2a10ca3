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
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A small local OpenID Connect issuer for the demo and tests, on loopback: an RSA signing key generated at start
 * (never written anywhere), {@code /.well-known/openid-configuration}, {@code /jwks} and a {@code /token} endpoint
 * that issues a token for any subject and roles asked for. It authenticates no one: a stand-in, never for production.
 */
public final class LocalOidcIssuer implements AutoCloseable {
  /** Audience of the tokens it issues by default (the reviewer API's default review.auth.audience). */
  public static final String AUDIENCE = "phigate-review";
  private final Server jetty;
  private final RSAKey key;
  private final String issuer;

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
            + "\",\"response_types_supported\":[\"token\"],\"subject_types_supported\":[\"public\"],"
            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
        case "/jwks" -> json(response, 200, jwksJson());
        default -> json(response, 404, "{\"error\":\"not_found\"}");
      }
    }

    /** {@code POST /token} with form fields {@code sub} and {@code role} (repeatable), {@code expires_in} seconds. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      if (!request.getRequestURI().equals("/token")) {
        json(response, 404, "{\"error\":\"not_found\"}");
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

    private void json(HttpServletResponse response, int status, String body) throws IOException {
      response.setStatus(status);
      response.setContentType("application/json");
      response.setHeader("Cache-Control", "no-store");
      response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
  }
}
