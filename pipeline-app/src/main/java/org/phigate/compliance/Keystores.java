package org.phigate.compliance;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.phigate.security.tls.TlsContexts;

/** Evidence from a PKCS#12 keystore: it opens with its password, and whose certificate it holds until when. */
final class Keystores {
  private Keystores() {}

  /** The first key entry's certificate, or empty when the store holds none. Throws when the store does not open. */
  static Optional<X509Certificate> leaf(String file, String password) {
    KeyStore store = TlsContexts.load(file, password);
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          Certificate certificate = store.getCertificate(alias);
          if (certificate instanceof X509Certificate x509) {
            return Optional.of(x509);
          }
        }
      }
      return Optional.empty();
    } catch (KeyStoreException e) {
      throw new IllegalStateException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The certificate's CN (the broker's default principal of an mTLS client), or its whole subject. */
  static String commonName(X509Certificate certificate) {
    String subject = certificate.getSubjectX500Principal().getName();
    try {
      for (Rdn rdn : new LdapName(subject).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      return subject;
    }
    return subject;
  }

  /**
   * A problem with a server keystore (does not open, holds no key, certificate expired), or empty when it is usable;
   * {@code good} receives the certificate's subject and expiry.
   */
  static Optional<String> serverProblem(String what, String file, String password, java.util.List<String> good) {
    try {
      Optional<X509Certificate> leaf = leaf(file, password);
      if (leaf.isEmpty()) {
        return Optional.of(what + ": " + file + " holds no key entry");
      }
      Instant notAfter = leaf.get().getNotAfter().toInstant();
      if (notAfter.isBefore(Instant.now())) {
        return Optional.of(what + ": the certificate in " + file + " expired " + notAfter);
      }
      good.add(what + ": TLS from " + file + ", certificate CN=" + commonName(leaf.get()) + " valid until "
          + notAfter);
      return Optional.empty();
    } catch (IllegalStateException e) {
      return Optional.of(what + ": " + e.getMessage());
    }
  }
}
