package org.phigate.intake.rest;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.phigate.intake.IntakeGateway;
import org.phigate.security.tls.HttpsConnectors;
import org.phigate.security.tls.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The FHIR R4 REST intake endpoint on Jetty: {@code [base]/metadata}, {@code POST [base]} and {@code [base]/{type}}. */
public final class FhirIntakeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FhirIntakeServer.class);
  private final Server jetty;
  private final String basePath;
  private final TlsSettings tls;

  private FhirIntakeServer(Server jetty, String basePath, TlsSettings tls) {
    this.jetty = jetty;
    this.basePath = basePath;
    this.tls = tls;
  }

  /** Default of {@code intake.rest.request.timeout.ms}. */
  public static final int DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

  /** Starts the endpoint with the default request timeout; port 0 picks a free port. */
  public static FhirIntakeServer start(String bindAddress, int port, String basePath, IntakeGateway gateway,
                                       int maxBodyBytes) {
    return start(bindAddress, port, basePath, gateway, maxBodyBytes, DEFAULT_REQUEST_TIMEOUT_MS);
  }

  /**
   * Starts the endpoint; port 0 picks a free port. A request whose body stops arriving (shorter than its
   * Content-Length) for {@code requestTimeoutMs} is answered 408 with an OperationOutcome.
   */
  public static FhirIntakeServer start(String bindAddress, int port, String basePath, IntakeGateway gateway,
                                       int maxBodyBytes, int requestTimeoutMs) {
    return start(bindAddress, port, basePath, gateway, maxBodyBytes, requestTimeoutMs, TlsSettings.none());
  }

  /**
   * Starts the endpoint over HTTPS when {@code tls} has a keystore (then only HTTPS: plain HTTP to the port fails),
   * with client certificates as {@code tls} asks (an interface engine authenticating by mutual TLS).
   */
  public static FhirIntakeServer start(String bindAddress, int port, String basePath, IntakeGateway gateway,
                                       int maxBodyBytes, int requestTimeoutMs, TlsSettings tls) {
    String base = "/" + basePath.replaceAll("^/+|/+$", "");
    Server jetty = new Server();
    ServerConnector connector = HttpsConnectors.create(jetty, bindAddress, port, tls);
    connector.setIdleTimeout(requestTimeoutMs);
    jetty.addConnector(connector);
    jetty.setErrorHandler(new FhirErrorPages.ServerErrors());
    ServletContextHandler context = new ServletContextHandler("/");
    context.setErrorHandler(new FhirErrorPages.ContextErrors());
    context.addServlet(new ServletHolder(new FhirIntakeServlet(gateway, maxBodyBytes)), base + "/*");
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      try {
        jetty.stop();
      } catch (Exception ignored) {
        // failed to start: nothing more to release
      }
      throw new IllegalStateException("cannot open the FHIR REST intake endpoint on " + bindAddress + ":" + port
          + " (" + e.getClass().getSimpleName() + "); check intake.rest.port, intake.rest.bind.address and "
          + "intake.rest.tls.*");
    }
    FhirIntakeServer server = new FhirIntakeServer(jetty, base, tls);
    LOG.info("FHIR REST intake on {}://{}:{}{} (client certificates: {})", HttpsConnectors.scheme(tls), bindAddress,
        server.port(), base, tls.clientAuth());
    return server;
  }

  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  /** The FHIR base URL on the loopback interface, e.g. {@code http://127.0.0.1:PORT/fhir} (https with TLS). */
  public String baseUrl() {
    return HttpsConnectors.scheme(tls) + "://127.0.0.1:" + port() + basePath;
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      // already stopped
    }
  }
}
