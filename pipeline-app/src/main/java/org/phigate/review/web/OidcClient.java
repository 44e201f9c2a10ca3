package org.phigate.review.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The page's side of the OIDC authorization-code flow with PKCE (S256): the authorize URL to send the browser to and
 * the back-channel code exchange at the token endpoint. Endpoints come from the settings or, when blank, from the
 * issuer's discovery document. Failures carry fixed codes, never a token, code or response body.
 */
final class OidcClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final PageSettings settings;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile Endpoints endpoints;

  private record Endpoints(String authorize, String token) {}

  /** A login that could not be completed: a fixed code for the page and the log. */
  static final class LoginFailed extends Exception {
    LoginFailed(String code) {
      super(code, null, false, false);
    }
  }

  OidcClient(PageSettings settings) {
    this.settings = settings;
  }

  URI authorizeUri(String state, String verifier) throws LoginFailed {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", settings.clientId());
    query.put("redirect_uri", settings.redirectUrl());
    query.put("scope", "openid");
    query.put("state", state);
    query.put("code_challenge", challenge(verifier));
    query.put("code_challenge_method", "S256");
    String base = endpoints().authorize();
    return URI.create(base + (base.contains("?") ? "&" : "?") + form(query));
  }

  /** Exchanges the code for the access token (validated by the caller like any bearer token). */
  String exchange(String code, String verifier) throws LoginFailed {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", settings.redirectUrl());
    body.put("client_id", settings.clientId());
    body.put("code_verifier", verifier);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoints().token()))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json");
    if (!settings.clientSecret().isEmpty()) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((enc(settings.clientId()) + ":"
          + enc(settings.clientSecret())).getBytes(StandardCharsets.UTF_8)));
    }
    JsonNode answer = call(request.POST(HttpRequest.BodyPublishers.ofString(form(body))).build(), "TOKEN_REFUSED");
    JsonNode token = answer.get("access_token");
    if (token == null || !token.isTextual()) {
      throw new LoginFailed("TOKEN_RESPONSE_INVALID");
    }
    return token.asText();
  }

  private Endpoints endpoints() throws LoginFailed {
    Endpoints known = endpoints;
    if (known != null) {
      return known;
    }
    String authorize = settings.authorizeUrl();
    String token = settings.tokenUrl();
    if (authorize.isEmpty() || token.isEmpty()) {
      String issuer = settings.issuer().replaceAll("/+$", "");
      JsonNode discovery = call(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
          .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET().build(), "DISCOVERY_FAILED");
      authorize = authorize.isEmpty() ? discovery.path("authorization_endpoint").asText("") : authorize;
      token = token.isEmpty() ? discovery.path("token_endpoint").asText("") : token;
      if (authorize.isEmpty() || token.isEmpty()) {
        throw new LoginFailed("DISCOVERY_INCOMPLETE");
      }
    }
    endpoints = new Endpoints(authorize, token);
    return endpoints;
  }

  private JsonNode call(HttpRequest request, String failure) throws LoginFailed {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new LoginFailed(failure);
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new LoginFailed(failure);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoginFailed("INTERRUPTED");
    }
  }

  static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
