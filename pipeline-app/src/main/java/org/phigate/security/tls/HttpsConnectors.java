package org.phigate.security.tls;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty connectors for PHIGate's HTTP endpoints (FHIR REST intake, reviewer API and page, /health and /metrics):
 * plain HTTP, or TLS from a PKCS#12 keystore ({@link SslContextFactory.Server}) with optional client certificates.
 * A TLS port speaks only TLS: a plain HTTP request to it fails the handshake.
 */
public final class HttpsConnectors {
  private HttpsConnectors() {}

  /** A connector on host:port (0 = a free port), TLS when the settings have a keystore; not yet added or opened. */
  public static ServerConnector create(Server jetty, String host, int port, TlsSettings tls) {
    ServerConnector connector;
    if (tls.enabled()) {
      HttpConfiguration https = new HttpConfiguration();
      // SNI host checks would refuse clients that reach the service by IP address or an internal alias
      https.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
      connector = new ServerConnector(jetty, new SslConnectionFactory(sslContextFactory(tls), "http/1.1"),
          new HttpConnectionFactory(https));
    } else {
      connector = new ServerConnector(jetty);
    }
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  /** Jetty's server-side TLS settings: the keystore, and with client auth the truststore of the clients' CAs. */
  public static SslContextFactory.Server sslContextFactory(TlsSettings tls) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    // loaded here so a wrong password fails with the file's name before Jetty starts
    factory.setKeyStore(TlsContexts.load(tls.keystore(), tls.keystorePassword()));
    factory.setKeyStorePassword(tls.keystorePassword());
    factory.setKeyStoreType("PKCS12");
    factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    if (tls.hasTruststore()) {
      factory.setTrustStore(TlsContexts.load(tls.truststore(), tls.truststorePassword()));
    }
    switch (tls.clientAuth()) {
      case NEED -> factory.setNeedClientAuth(true);
      case NONE -> { }
    }
    return factory;
  }

  /** {@code https} for a TLS connector's settings, else {@code http}. */
  public static String scheme(TlsSettings tls) {
    return tls.enabled() ? "https" : "http";
  }
}
