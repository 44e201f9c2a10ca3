package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phigate.audit.AuditEvents;
import org.phigate.embedded.LocalOidcIssuer;
import org.phigate.review.api.ReasonCodes;
import org.phigate.review.api.ReviewApi;
import org.phigate.review.api.ReviewApiServer;
import org.phigate.review.auth.TokenValidator;
import org.phigate.review.web.PageSettings;
import org.phigate.testing.ReviewApiStubs;

/**
 * The review page's sign-in and session over real Jetty and the local OIDC issuer: authorization code with PKCE,
 * state bound to the browser and used once, HttpOnly SameSite=Strict session cookie holding a session id (never the
 * token), CSRF on state changes, no-store and a strict CSP. (The browser run is ReviewPageIT.)
 */
class ReviewPageTest {
  private final LocalOidcIssuer issuer = LocalOidcIssuer.start();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ReviewApiServer server;
  private final String page;

  ReviewPageTest() throws Exception {
    TestPipeline pipeline = new TestPipeline();
    TokenValidator tokens = ReviewApiStubs.tokens(issuer);
    ReviewApi api = new ReviewApi(ReviewApiStubs.noItems(), ReviewApiStubs.noDecisions(), pipeline.decisionMac(),
        pipeline.common.reviewCipher(), pipeline.common.vaultCipher(), new AuditEvents("review", "service:phigate-review", "test/review-api",
        TestPipeline.CLOCK), ReasonCodes.shipped(), TestPipeline.CLOCK);
    server = ReviewApiServer.start("127.0.0.1", 0, api, tokens, new PageSettings(issuer.issuer(), "", "",
        "phigate-review", "", "", Duration.ofMinutes(15), List.of("DUPLICATE"), List.of("INCOMPLETE")));
    page = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void close() {
    server.close();
    issuer.close();
  }

  @Test
  void shouldSendABrowserWithoutSessionToTheIssuerWithPkceAndNoCaching() throws Exception {
    HttpResponse<String> root = get("/", null);
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValue("/login");
    assertThat(root.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(root.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe"));

    HttpResponse<String> login = get("/login", null);
    assertThat(login.statusCode()).isEqualTo(302);
    URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
    assertThat(authorize.toString()).startsWith(issuer.authorizeUrl() + "?");
    Map<String, String> query = query(authorize);
    assertThat(query).containsEntry("response_type", "code").containsEntry("code_challenge_method", "S256")
        .containsEntry("client_id", "phigate-review").containsEntry("redirect_uri", page + "/login/callback")
        .containsKeys("state", "code_challenge");
    assertThat(cookie(login, "phigate_login")).hasValueSatisfying(c -> assertThat(c)
        .contains("HttpOnly", "SameSite=Lax").contains(query.get("state")));
  }

  @Test
  void shouldSignInWithTheCodeAndHoldOnlyASessionIdInAStrictHttpOnlyCookie() throws Exception {
    SignedIn nurse = signIn("demo-nurse");
    assertThat(nurse.setCookie()).contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain("Secure")
        .doesNotContain("eyJ");
    HttpResponse<String> root = get("/", nurse.cookies());
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.body()).contains("demo-nurse", "name=\"csrf-token\" content=\"" + nurse.csrf() + "\"",
        "value=\"DUPLICATE\"");
    assertThat(get("/api/v1/queue", nurse.cookies()).statusCode()).isEqualTo(200);

    String rawToken = "phigate_session=" + issuer.token("demo-nurse", List.of("reviewer"), Duration.ofMinutes(5));
    assertThat(get("/api/v1/queue", rawToken).statusCode()).as("a token in the cookie is no session").isEqualTo(401);
    assertThat(get("/api/v1/queue", "phigate_session=made-up").statusCode()).isEqualTo(401);
  }

  @Test
  void shouldRequireTheSessionsCsrfTokenForDecisionsAndSignOut() throws Exception {
    SignedIn nurse = signIn("demo-nurse");
    String decision = "/api/v1/items/rv-unknown/decision";
    assertThat(post(decision, nurse.cookies(), "application/json", "{\"action\":\"approve\"}").statusCode())
        .isEqualTo(403);
    SignedIn other = signIn("demo-admin");
    assertThat(post(decision, nurse.cookies(), "application/json", "{\"action\":\"approve\"}", "X-CSRF-Token",
        other.csrf()).statusCode()).as("another session's token").isEqualTo(403);
    assertThat(post(decision, nurse.cookies(), "application/json", "{\"action\":\"approve\"}", "X-CSRF-Token",
        nurse.csrf()).statusCode()).as("past CSRF: no such item").isEqualTo(404);

    String form = "application/x-www-form-urlencoded";
    assertThat(post("/logout", nurse.cookies(), form, "csrf=" + other.csrf()).statusCode()).isEqualTo(403);
    assertThat(get("/", nurse.cookies()).statusCode()).isEqualTo(200);
    assertThat(post("/logout", nurse.cookies(), form, "csrf=" + nurse.csrf()).statusCode()).isEqualTo(200);
    assertThat(get("/", nurse.cookies()).statusCode()).isEqualTo(302);
    assertThat(get("/api/v1/queue", nurse.cookies()).statusCode()).isEqualTo(401);
  }

  @Test
  void shouldRefuseACallbackWithAnotherBrowsersStateOrAUsedCode() throws Exception {
    HttpResponse<String> login = get("/login", null);
    Map<String, String> query = query(URI.create(login.headers().firstValue("Location").orElseThrow()));
    URI callback = authorize(query, "demo-nurse", issuer.demoPassword());
    String path = callback.getRawPath() + "?" + callback.getRawQuery();
    assertThat(get(path, "phigate_login=someone-elses-state").statusCode()).isEqualTo(400);
    assertThat(get(path, null).statusCode()).isEqualTo(400);
    assertThat(get(path, "phigate_login=" + query.get("state")).statusCode()).isEqualTo(200);
    assertThat(get(path, "phigate_login=" + query.get("state")).statusCode()).as("used once").isEqualTo(400);
  }

  @Test
  void shouldShowTheLoginFormAgainOnAWrongPassword() throws Exception {
    HttpResponse<String> login = get("/login", null);
    Map<String, String> query = query(URI.create(login.headers().firstValue("Location").orElseThrow()));
    HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(issuer.authorizeUrl()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(query, "demo-nurse", "wrong"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("wrong password").contains("name=\"password\"");
  }

  private record SignedIn(String session, String csrf, String setCookie) {
    String cookies() {
      return "phigate_session=" + session + "; phigate_csrf=" + csrf;
    }
  }

  private SignedIn signIn(String user) throws Exception {
    HttpResponse<String> login = get("/login", null);
    Map<String, String> query = query(URI.create(login.headers().firstValue("Location").orElseThrow()));
    URI callback = authorize(query, user, issuer.demoPassword());
    assertThat(callback.toString()).startsWith(page + "/login/callback?code=");
    HttpResponse<String> done = get(callback.getRawPath() + "?" + callback.getRawQuery(), "phigate_login="
        + query.get("state"));
    assertThat(done.statusCode()).isEqualTo(200);
    String session = cookie(done, "phigate_session").orElseThrow();
    String csrf = cookie(done, "phigate_csrf").orElseThrow();
    return new SignedIn(value(session), value(csrf), session);
  }

  private URI authorize(Map<String, String> query, String user, String password) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(issuer.authorizeUrl()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(query, user, password))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(302);
    return URI.create(answer.headers().firstValue("Location").orElseThrow());
  }

  private static String form(Map<String, String> query, String user, String password) {
    Map<String, String> form = new HashMap<>();
    for (String field : List.of("client_id", "redirect_uri", "state", "code_challenge")) {
      form.put(field, query.get(field));
    }
    form.put("username", user);
    form.put("password", password);
    return form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private HttpResponse<String> get(String path, String cookies) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(page + path));
    if (cookies != null) {
      request.header("Cookie", cookies);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String cookies, String type, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(page + path)).header("Cookie", cookies)
        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Optional<String> cookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst();
  }

  private static String value(String setCookie) {
    return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }
}
