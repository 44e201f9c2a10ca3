package org.phigate.writeback.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.phigate.security.tls.TlsContexts;
import org.phigate.security.tls.TlsSettings;

/**
 * HAPI FHIR clients for write-back: TLS verified against the configured truststore (the JVM's CAs when none) with
 * the host name checked, an optional client certificate, an optional bearer token, and the configured timeouts.
 * HAPI sends every request through its context's client factory, so a transport (timeouts and TLS) needs a context
 * of its own: one {@code FhirContext} per distinct transport, shared by every client of that transport, rather than
 * one per JVM, so the JVM-wide {@code forR4Cached()} context is never re-configured under another client.
 */
public final class FhirClients {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private static final Map<Transport, FhirContext> CONTEXTS = new ConcurrentHashMap<>();

  private FhirClients() {}

  private record Transport(int timeoutMs, TlsSettings tls) {}

  /** A client of the FHIR server at {@code baseUrl}; a blank {@code bearerToken} sends no Authorization header. */
  public static IGenericClient create(String baseUrl, int timeoutMs, TlsSettings tls, String bearerToken) {
    FhirContext context = CONTEXTS.computeIfAbsent(new Transport(timeoutMs, tls), FhirClients::context);
    IGenericClient client = context.newRestfulGenericClient(baseUrl);
    if (bearerToken != null && !bearerToken.isBlank()) {
      client.registerInterceptor(new BearerTokenAuthInterceptor(bearerToken.trim()));
    }
    return client;
  }

  private static FhirContext context(Transport transport) {
    FhirContext context = FhirContext.forR4();
    ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(context);
    factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    factory.setHttpClient(httpClient(transport.timeoutMs(), transport.tls(), factory.getPoolMaxTotal(),
        factory.getPoolMaxPerRoute()));
    context.setRestfulClientFactory(factory);
    return context;
  }

  private static CloseableHttpClient httpClient(int timeoutMs, TlsSettings tls, int maxTotal, int maxPerRoute) {
    Registry<ConnectionSocketFactory> sockets = RegistryBuilder.<ConnectionSocketFactory>create()
        .register("http", PlainConnectionSocketFactory.getSocketFactory())
        .register("https", new SSLConnectionSocketFactory(TlsContexts.client(tls), PROTOCOLS, null,
            new DefaultHostnameVerifier()))
        .build();
    PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(sockets, null, null, null,
        5, TimeUnit.SECONDS);
    pool.setMaxTotal(maxTotal);
    pool.setDefaultMaxPerRoute(maxPerRoute);
    RequestConfig timeouts = RequestConfig.custom().setConnectTimeout(timeoutMs).setSocketTimeout(timeoutMs)
        .setConnectionRequestTimeout(timeoutMs).build();
    return HttpClients.custom().setConnectionManager(pool).setDefaultRequestConfig(timeouts)
        .disableCookieManagement().build();
  }
}
