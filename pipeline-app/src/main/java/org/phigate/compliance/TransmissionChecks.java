package org.phigate.compliance;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.phigate.config.WritebackConfig;
import org.phigate.runtime.Role;

/** 164.312(e) transmission security: TLS on every Kafka client, every listener and the EHR client. */
final class TransmissionChecks {
  private TransmissionChecks() {}

  static List<Check> all() {
    return List.of(Check.of("TS-KAFKA-TLS", TransmissionChecks::kafka),
        listener("TS-MLLP-TLS", "MLLP intake"),
        listener("TS-REST-TLS", "FHIR REST intake"),
        listener("TS-REVIEW-TLS", "reviewer API and page"),
        listener("TS-METRICS-TLS", "/health and /metrics"),
        Check.of("TS-EHR-TLS", TransmissionChecks::ehr));
  }

  private static Outcome kafka(Deployment d) {
    if (d.roles().isEmpty()) {
      return Outcome.notApplicable("no role selected");
    }
    List<String> good = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Role role : d.roles()) {
      var kafka = d.kafka(role);
      String protocol = kafka.getOrDefault("security.protocol", "PLAINTEXT").trim().toUpperCase(Locale.ROOT);
      String identification = kafka.get("ssl.endpoint.identification.algorithm");
      if (!protocol.equals("SSL") && !protocol.equals("SASL_SSL")) {
        problems.add(role.id() + ": security.protocol=" + protocol + " (records travel unencrypted)");
      } else if (identification != null && identification.isBlank()) {
        problems.add(role.id() + ": " + protocol + " with ssl.endpoint.identification.algorithm empty (the "
            + "broker's host name is not verified)");
      } else {
        good.add(role.id() + ": security.protocol=" + protocol + ", broker host name verified");
      }
    }
    return Outcome.of(good, problems);
  }

  private static Check listener(String id, String name) {
    return Check.of(id, d -> {
      Optional<Listener> listener = Listener.named(d, name);
      if (listener.isEmpty()) {
        return Outcome.notApplicable(name + ": not opened by the selected roles (port 0 or role not selected)");
      }
      Listener l = listener.get();
      if (!l.hasTls()) {
        return Outcome.fail(List.of(l.where() + " serves plain " + (name.startsWith("MLLP") ? "TCP" : "HTTP")
            + ": " + l.tlsKeystoreKey() + " is not set"));
      }
      List<String> good = new ArrayList<>();
      Optional<String> problem = Keystores.serverProblem(l.where(), l.tlsKeystore(), l.tlsPassword(), good);
      return problem.map(p -> Outcome.fail(List.of(p))).orElseGet(() -> Outcome.pass(good));
    });
  }

  private static Outcome ehr(Deployment d) {
    if (!d.has(Role.WRITEBACK)) {
      return Outcome.notApplicable("no writeback role: no EHR client");
    }
    WritebackConfig config = new WritebackConfig(d.common());
    String url = config.fhirBaseUrl().trim();
    String scheme = URI.create(url).getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https")) {
      return Outcome.fail(List.of(WritebackConfig.FHIR_BASE.name() + "=" + url + " is not https"));
    }
    String truststore = d.get(WritebackConfig.FHIR_TLS.truststore());
    return Outcome.pass(List.of(WritebackConfig.FHIR_BASE.name() + "=" + url + ", certificate and host name "
        + "verified against " + (truststore.isBlank() ? "the JVM's CAs" : truststore)
        + (d.get(WritebackConfig.FHIR_TLS.keystore()).isBlank() ? "" : ", client certificate "
        + d.get(WritebackConfig.FHIR_TLS.keystore()))));
  }
}
