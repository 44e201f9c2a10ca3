package org.phigate.security.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** JDK {@link SSLContext}s from PKCS#12 files, for PHIGate's HTTP clients (e.g. write-back's FHIR client). */
public final class TlsContexts {
  private TlsContexts() {}

  /**
   * A client context: trusts the truststore's CAs (the JVM's default CAs when none is set) and, with a keystore,
   * presents its certificate (mutual TLS). Throws naming the file, never the password.
   */
  public static SSLContext client(TlsSettings settings) {
    try {
      KeyManagerFactory keys = null;
      if (settings.enabled()) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(settings.keystore(), settings.keystorePassword()), settings.keystorePassword().toCharArray());
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(settings.hasTruststore() ? load(settings.truststore(), settings.truststorePassword()) : null);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS from " + describe(settings) + " ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /** Loads a PKCS#12 store; a wrong password or a broken file is an error naming the file only. */
  public static KeyStore load(String file, String password) {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot open the PKCS#12 store " + file + " (" + e.getClass().getSimpleName()
          + ": wrong password or not a PKCS#12 file?)");
    }
  }

  private static String describe(TlsSettings settings) {
    return (settings.enabled() ? "keystore " + settings.keystore() + " " : "")
        + (settings.hasTruststore() ? "truststore " + settings.truststore() : "the JVM's default truststore");
  }
}
