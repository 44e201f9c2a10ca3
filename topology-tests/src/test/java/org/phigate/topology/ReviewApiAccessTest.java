package org.phigate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phigate.catalog.Topics;
import org.phigate.embedded.LocalOidcIssuer;
import org.phigate.review.ReviewStage;
import org.phigate.schema.Urgency;

/**
 * Who may use the reviewer API (over real HTTP, tokens from the local OIDC issuer): 401 without a valid token, 403
 * without the role, auditors read but never decide, CSRF on cookie-authenticated changes, and the security headers
 * with no-store on every answer.
 */
class ReviewApiAccessTest extends ReviewApiHarness {
  @Test
  void shouldAnswer401WithoutAValidToken() throws Exception {
    hold("ev-a", Urgency.ROUTINE, Duration.ofMinutes(1), false);
    String valid = reviewer();
    String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
    try (LocalOidcIssuer other = LocalOidcIssuer.start()) {
      assertThat(get("/queue", null).statusCode()).isEqualTo(401);
      assertThat(json(get("/queue", issuer.expiredToken("nurse-42", List.of("reviewer"), Duration.ofMinutes(5))))
          .get("error").asText()).isEqualTo("TOKEN_EXPIRED");
      assertThat(json(get("/queue", tampered)).get("error").asText()).isEqualTo("TOKEN_SIGNATURE_REJECTED");
      assertThat(get("/queue", other.token("nurse-42", List.of("reviewer"), Duration.ofMinutes(5))).statusCode())
          .isEqualTo(401);
      assertThat(get("/queue", issuer.tokenFor("another-app", "nurse-42", List.of("reviewer"))).statusCode())
          .isEqualTo(401);
      assertThat(post(decisionPath("ev-a"), "not.a.jwt", "{\"action\":\"approve\"}").statusCode()).isEqualTo(401);
      assertThat(get("/queue", null).headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
          assertThat(v).startsWith("Bearer"));
    }
    assertThat(get("/queue", valid).statusCode()).isEqualTo(200);
    assertThat(pipeline.output(driver, Topics.REVIEW_APPROVED).isEmpty()).isTrue();
  }

  @Test
  void shouldAnswer403WithoutTheRoleAndLetAnAuditorReadButNotDecide() throws Exception {
    hold("ev-b", Urgency.URGENT, Duration.ofMinutes(1), false);
    String nobody = issuer.token("clerk-1", List.of("scheduler"), Duration.ofMinutes(5));
    String auditor = issuer.token("auditor-7", List.of("auditor"), Duration.ofMinutes(5));
    assertThat(get("/queue", nobody).statusCode()).isEqualTo(403);
    assertThat(post(decisionPath("ev-b"), nobody, "{\"action\":\"approve\"}").statusCode()).isEqualTo(403);

    assertThat(get("/queue", auditor).statusCode()).isEqualTo(200);
    HttpResponse<String> item = get("/items/" + ReviewStage.reviewId("ev-b"), auditor);
    assertThat(item.statusCode()).isEqualTo(200);
    assertThat(json(item).get("view").asText()).isEqualTo("auditor");
    assertThat(post(decisionPath("ev-b"), auditor, "{\"action\":\"approve\"}").statusCode()).isEqualTo(403);
    assertThat(decisionBytes).isEmpty();
    assertThat(pipeline.output(driver, Topics.REVIEW_APPROVED).isEmpty()).isTrue();
  }

  @Test
  void shouldRequireTheCsrfHeaderForCookieAuthenticatedChanges() throws Exception {
    hold("ev-h", Urgency.ROUTINE, Duration.ofMinutes(1), false);
    String cookie = "phigate_session=" + reviewer() + "; phigate_csrf=0123456789abcdef0123";
    HttpResponse<String> noHeader = post(decisionPath("ev-h"), null, "{\"action\":\"approve\"}", "Cookie", cookie);
    assertThat(noHeader.statusCode()).isEqualTo(403);
    assertThat(json(noHeader).get("error").asText()).isEqualTo("CSRF");
    assertThat(post(decisionPath("ev-h"), null, "{\"action\":\"approve\"}", "Cookie", cookie, "X-CSRF-Token",
        "wrong-wrong-wrong-wrong").statusCode()).isEqualTo(403);
    assertThat(decisionBytes).isEmpty();
    assertThat(post(decisionPath("ev-h"), null, "{\"action\":\"approve\"}", "Cookie", cookie, "X-CSRF-Token",
        "0123456789abcdef0123").statusCode()).isEqualTo(202);
  }

  @Test
  void shouldSendSecurityHeadersAndNoStoreOnEveryAnswer() throws Exception {
    hold("ev-i", Urgency.ROUTINE, Duration.ofMinutes(1), false);
    for (HttpResponse<String> response : List.of(get("/items/" + ReviewStage.reviewId("ev-i"), reviewer()),
        get("/queue", null), get("/nowhere", reviewer()))) {
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
          assertThat(v).contains("default-src 'none'").contains("frame-ancestors 'none'"));
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
  }
}
