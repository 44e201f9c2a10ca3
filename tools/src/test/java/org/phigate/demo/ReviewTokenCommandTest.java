package org.phigate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.phigate.embedded.LocalOidcIssuer;
import org.phigate.review.auth.ReviewPrincipal;
import org.phigate.review.auth.ReviewerRole;
import org.phigate.review.auth.TokenValidator;
import org.phigate.tools.ToolsCli;

class ReviewTokenCommandTest {
  @Test
  void shouldPrintATokenTheReviewerApiAcceptsWithTheAskedRole() throws Exception {
    try (LocalOidcIssuer issuer = LocalOidcIssuer.start()) {
      PrintStream original = System.out;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code;
      try {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        code = ToolsCli.execute("review", "token", "--role", "reviewer", "--sub", "nurse-9", "--issuer",
            issuer.issuer());
      } finally {
        System.setOut(original);
      }
      assertThat(code).isZero();
      TokenValidator validator = new TokenValidator(issuer.issuer(),
          new ImmutableJWKSet<>(JWKSet.parse(issuer.jwksJson())), LocalOidcIssuer.AUDIENCE, Duration.ofSeconds(5),
          "roles");
      ReviewPrincipal who = validator.validate(out.toString(StandardCharsets.UTF_8).trim());
      assertThat(who.subject()).isEqualTo("nurse-9");
      assertThat(who.roles()).containsExactly(ReviewerRole.REVIEWER);
    }
  }

  @Test
  void shouldFailClearlyWithoutARunningIssuer() {
    assertThat(ToolsCli.execute("review", "token", "--role", "reviewer", "--issuer", "http://127.0.0.1:1"))
        .isEqualTo(2);
  }
}
