package org.phigate.config;

import java.util.List;
import java.util.Locale;
import org.phigate.security.tls.TlsSettings;

/**
 * The TLS keys of one HTTP endpoint or client, declared once for every prefix that has them
 * ({@code intake.rest.tls.*}, {@code review.api.tls.*}, {@code ops.tls.*}, {@code writeback.fhir.tls.*}): PKCS#12
 * keystore and truststore paths, their passwords as secrets (from the environment or a {@code .file}, never
 * printed), and for servers whether clients must present a certificate.
 */
public record TlsKeys(String prefix, ConfigKey<String> keystore, ConfigKey<String> keystorePassword,
                      ConfigKey<String> truststore, ConfigKey<String> truststorePassword,
                      ConfigKey<String> clientAuth) {
  private static final List<String> CLIENT_AUTH = List.of("none", "need");

  /** Keys of a server endpoint: TLS when the keystore is set; client certificates per {@code <prefix>.tls.client.auth}. */
  public static TlsKeys server(String prefix, String what) {
    return new TlsKeys(prefix,
        ConfigKey.string(prefix + ".tls.keystore", "", "PKCS#12 keystore (key + certificate chain) of " + what
            + ": set = serve HTTPS only (a plain HTTP request to the port fails); empty (default) = plain HTTP.")
            .validate(Validator.emptyOr(Validator.readableFile())),
        ConfigKey.secret(prefix + ".tls.keystore.password", "Password of " + prefix + ".tls.keystore; set it by "
            + ConfigKey.envVar(prefix + ".tls.keystore.password") + " or " + prefix + ".tls.keystore.password.file.")
            .validate(Validator.anyText("the keystore's password (may be empty)")),
        ConfigKey.string(prefix + ".tls.truststore", "", "PKCS#12 truststore with the CA certificates " + what
            + " trusts: for client certificates (" + prefix + ".tls.client.auth=need) and, for the reviewer API, the "
            + "other review instances it calls; empty (default) = none (peers: the JVM's CAs).")
            .validate(Validator.emptyOr(Validator.readableFile())),
        ConfigKey.secret(prefix + ".tls.truststore.password", "Password of " + prefix + ".tls.truststore.")
            .validate(Validator.anyText("the truststore's password (may be empty)")),
        ConfigKey.string(prefix + ".tls.client.auth", "none", "Client certificates at " + what + ": none "
            + "(default) or need (mutual TLS: a client without a certificate from a CA of "
            + prefix + ".tls.truststore cannot connect).").validate(Validator.oneOf(CLIENT_AUTH)));
  }

  /** Keys of a client: the CAs it trusts (JVM default when empty) and an optional client certificate. */
  public static TlsKeys client(String prefix, String what) {
    return new TlsKeys(prefix,
        ConfigKey.string(prefix + ".tls.keystore", "", "PKCS#12 keystore with the client certificate " + what
            + " presents (mutual TLS); empty (default) = none.").validate(Validator.emptyOr(Validator.readableFile())),
        ConfigKey.secret(prefix + ".tls.keystore.password", "Password of " + prefix + ".tls.keystore.")
            .validate(Validator.anyText("the keystore's password (may be empty)")),
        ConfigKey.string(prefix + ".tls.truststore", "", "PKCS#12 truststore with the CA certificates " + what
            + " trusts for the server's certificate (host name verified too); empty (default) = the JVM's CAs.")
            .validate(Validator.emptyOr(Validator.readableFile())),
        ConfigKey.secret(prefix + ".tls.truststore.password", "Password of " + prefix + ".tls.truststore.")
            .validate(Validator.anyText("the truststore's password (may be empty)")),
        null);
  }

  /** Every key of this group, for a role's key list. */
  public List<ConfigKey<?>> keys() {
    return clientAuth == null ? List.of(keystore, keystorePassword, truststore, truststorePassword)
        : List.of(keystore, keystorePassword, truststore, truststorePassword, clientAuth);
  }

  /** The TLS settings these keys hold in {@code settings}. */
  public TlsSettings from(Settings settings) {
    TlsSettings.ClientAuth auth = clientAuth == null ? TlsSettings.ClientAuth.NONE
        : TlsSettings.ClientAuth.valueOf(settings.get(clientAuth).trim().toUpperCase(Locale.ROOT));
    return new TlsSettings(settings.get(keystore), settings.get(keystorePassword), settings.get(truststore),
        settings.get(truststorePassword), auth);
  }

  /** Client certificates asked for without a truststore to check them against: a mistake, named with its fix. */
  public Runnable crossCheck(Settings settings) {
    return () -> {
      if (clientAuth != null && !settings.get(clientAuth).trim().equals("none")
          && settings.get(truststore).isBlank()) {
        throw new ConfigException(clientAuth.name() + "=" + settings.get(clientAuth).trim() + " needs "
            + truststore.name() + " (the CAs whose client certificates are accepted)");
      }
      if (clientAuth != null && !settings.get(clientAuth).trim().equals("none") && settings.get(keystore).isBlank()) {
        throw new ConfigException(clientAuth.name() + " needs " + keystore.name() + " (client certificates are a "
            + "TLS feature)");
      }
    };
  }
}
