package org.phigate.security.tls;

/**
 * TLS of one endpoint or client, from its config keys. A server serves TLS when it has a keystore; a client trusts
 * the truststore's CAs (the JVM's default CAs when none is set) and presents the keystore's certificate when one is
 * set.
 *
 * @param keystore           PKCS#12 file with the key and certificate chain (blank = none)
 * @param keystorePassword   its password (a secret: never printed)
 * @param truststore         PKCS#12 file with the CA certificates trusted for the peer (blank = JVM default / none)
 * @param truststorePassword its password
 * @param clientAuth         servers: whether clients must present a certificate the truststore's CAs signed
 */
public record TlsSettings(String keystore, String keystorePassword, String truststore, String truststorePassword,
                          ClientAuth clientAuth) {
  /** Whether a server asks its clients for a certificate. */
  public enum ClientAuth {
    /** No client certificate asked for. */
    NONE,
    /** Required: a client without a certificate from a trusted CA cannot connect (mutual TLS). */
    NEED
  }

  public TlsSettings {
    keystore = keystore == null ? "" : keystore.trim();
    keystorePassword = keystorePassword == null ? "" : keystorePassword;
    truststore = truststore == null ? "" : truststore.trim();
    truststorePassword = truststorePassword == null ? "" : truststorePassword;
    clientAuth = clientAuth == null ? ClientAuth.NONE : clientAuth;
  }

  /** No TLS: a plain listener, or a client with the JVM's defaults. */
  public static TlsSettings none() {
    return new TlsSettings("", "", "", "", ClientAuth.NONE);
  }

  /** A server keystore is set: the endpoint serves https. */
  public boolean enabled() {
    return !keystore.isEmpty();
  }

  public boolean hasTruststore() {
    return !truststore.isEmpty();
  }

  /** Never prints the passwords. */
  @Override
  public String toString() {
    return "TlsSettings[keystore=" + keystore + ", truststore=" + truststore + ", clientAuth=" + clientAuth + "]";
  }
}
