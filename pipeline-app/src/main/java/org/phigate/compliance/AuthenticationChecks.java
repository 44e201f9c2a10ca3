package org.phigate.compliance;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.phigate.config.IntakeConfig;
import org.phigate.config.ReviewConfig;
import org.phigate.runtime.Role;
import org.phigate.runtime.acl.AclPlan;

/** 164.312(d) person or entity authentication: Kafka principals, reviewers' OIDC issuer, interface engines. */
final class AuthenticationChecks {
  private AuthenticationChecks() {}

  static List<Check> all() {
    return List.of(Check.of("PA-KAFKA-AUTH", AuthenticationChecks::kafka),
        Check.of("PA-KAFKA-PRINCIPALS", AuthenticationChecks::principals),
        Check.of("PA-REVIEW-OIDC", AuthenticationChecks::reviewIssuer),
        Check.of("PA-REST-CLIENT-CERT", AuthenticationChecks::restClients));
  }

  private static Outcome kafka(Deployment d) {
    if (d.roles().isEmpty()) {
      return Outcome.notApplicable("no role selected");
    }
    List<String> good = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Role role : d.roles()) {
      KafkaPrincipals.Login login = KafkaPrincipals.of(d.kafka(role));
      (login.authenticated() ? good : problems).add(role.id() + ": " + login.how());
    }
    return Outcome.of(good, problems);
  }

  private static Outcome principals(Deployment d) {
    if (d.roles().isEmpty()) {
      return Outcome.notApplicable("no role selected");
    }
    List<String> good = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, String> roleByPrincipal = new LinkedHashMap<>();
    for (Role role : d.roles()) {
      String planned = AclPlan.principal(role.config(d.common()));
      Optional<String> principal = KafkaPrincipals.of(d.kafka(role)).principal();
      if (principal.isEmpty()) {
        problems.add(role.id() + ": cannot tell its principal (no SASL username, no client certificate); the ACL "
            + "plan grants " + planned);
        continue;
      }
      String user = "User:" + principal.get();
      String other = roleByPrincipal.putIfAbsent(user, role.id());
      if (other != null) {
        problems.add(role.id() + " and " + other + " share the principal " + user);
      } else if (!user.equals(planned)) {
        problems.add(role.id() + ": logs in as " + user + " but the ACL plan grants " + planned);
      } else {
        good.add(role.id() + ": " + user + " (the principal the ACL plan grants)");
      }
    }
    return Outcome.of(good, problems);
  }

  private static Outcome reviewIssuer(Deployment d) {
    if (!d.has(Role.REVIEW) || d.get(ReviewConfig.API_PORT) == 0) {
      return Outcome.notApplicable("no reviewer API in the selected roles");
    }
    String issuer = d.get(ReviewConfig.ISSUER).trim();
    String jwksUrl = d.get(ReviewConfig.JWKS_URL).trim();
    List<String> problems = new ArrayList<>();
    if (issuer.isBlank()) {
      problems.add(ReviewConfig.ISSUER.name() + " is not set");
    } else if (!issuer.toLowerCase(Locale.ROOT).startsWith("https://")) {
      problems.add(ReviewConfig.ISSUER.name() + "=" + issuer + " is not https");
    } else if (loopback(issuer)) {
      problems.add(ReviewConfig.ISSUER.name() + "=" + issuer + " is on this host: a local (demo) issuer, not the "
          + "hospital's identity provider");
    }
    if (!jwksUrl.isBlank() && !jwksUrl.toLowerCase(Locale.ROOT).startsWith("https://")) {
      problems.add(ReviewConfig.JWKS_URL.name() + "=" + jwksUrl + " is not https (keys could be swapped in transit)");
    }
    return Outcome.of(List.of("reviewers sign in with tokens of " + issuer + " (audience "
        + d.get(ReviewConfig.AUDIENCE) + ", keys from " + (jwksUrl.isBlank() ? d.get(ReviewConfig.JWKS_FILE)
        : jwksUrl) + ")"), problems);
  }

  private static boolean loopback(String url) {
    String host = URI.create(url).getHost();
    return host == null || host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("[::1]")
        || host.equals("::1");
  }

  private static Outcome restClients(Deployment d) {
    if (!d.has(Role.INTAKE) || d.get(IntakeConfig.REST_PORT) == 0) {
      return Outcome.notApplicable("no FHIR REST intake in the selected roles");
    }
    String auth = d.get(IntakeConfig.REST_TLS.clientAuth()).trim();
    if (!auth.equals("need")) {
      return Outcome.fail(List.of("FHIR REST intake (" + IntakeConfig.REST_PORT.name() + "="
          + d.get(IntakeConfig.REST_PORT) + ") accepts any client: " + IntakeConfig.REST_TLS.clientAuth().name()
          + "=" + auth));
    }
    return Outcome.pass(List.of("FHIR REST intake: interface engines authenticate with a client certificate from "
        + "the CAs in " + d.get(IntakeConfig.REST_TLS.truststore())));
  }
}
