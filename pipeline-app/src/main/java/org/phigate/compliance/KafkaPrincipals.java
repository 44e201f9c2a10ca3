package org.phigate.compliance;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which principal a role's Kafka clients log in as, read from its settings (never printing a secret). */
final class KafkaPrincipals {
  private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]+)\"");

  private KafkaPrincipals() {}

  /** How a role authenticates and as whom, or why it does not. */
  record Login(boolean authenticated, String how, Optional<String> principal) {}

  static Login of(Map<String, String> kafka) {
    String protocol = kafka.getOrDefault("security.protocol", "PLAINTEXT").trim().toUpperCase(Locale.ROOT);
    if (protocol.startsWith("SASL_")) {
      String mechanism = kafka.getOrDefault("sasl.mechanism", "GSSAPI").trim();
      String jaas = kafka.getOrDefault("sasl.jaas.config", "");
      if (jaas.isBlank() && !mechanism.equals("GSSAPI")) {
        return new Login(false, protocol + " " + mechanism + " without sasl.jaas.config", Optional.empty());
      }
      Matcher user = USERNAME.matcher(jaas);
      return new Login(true, protocol + " " + mechanism, user.find() ? Optional.of(user.group(1)) : Optional.empty());
    }
    if (protocol.equals("SSL")) {
      String keystore = kafka.getOrDefault("ssl.keystore.location", "");
      if (keystore.isBlank()) {
        return new Login(false, "SSL without a client certificate (ssl.keystore.location)", Optional.empty());
      }
      try {
        return new Login(true, "SSL client certificate " + keystore, Keystores.leaf(keystore,
            kafka.getOrDefault("ssl.keystore.password", "")).map(Keystores::commonName));
      } catch (IllegalStateException e) {
        return new Login(false, "SSL: " + e.getMessage(), Optional.empty());
      }
    }
    return new Login(false, protocol + ": no authentication", Optional.empty());
  }
}
