package org.phigate.embedded;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-in EHR: an in-memory HAPI FHIR R4 server on Jetty at {@code http://127.0.0.1:PORT/fhir} with Task,
 * Provenance, Patient, Communication, DocumentReference, Observation and Flag, and transaction Bundles of
 * (conditional) creates.
 */
public final class EmbeddedFhirServer implements FhirEhr {
  private static final List<Class<? extends Resource>> TYPES = List.of(Task.class, Provenance.class, Patient.class,
      Communication.class, DocumentReference.class, Observation.class, Flag.class);
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedFhirServer.class);

  private final Server jetty;
  private final Map<String, InMemoryFhirProvider<?>> providers;
  private final int port;

  private EmbeddedFhirServer(Server jetty, Map<String, InMemoryFhirProvider<?>> providers, int port) {
    this.jetty = jetty;
    this.providers = providers;
    this.port = port;
  }

  /** Starts the server on a free port. */
  public static EmbeddedFhirServer start() {
    return start(0);
  }

  /** Starts the server on port (0 = a free port). */
  public static EmbeddedFhirServer start(int port) {
    long t0 = System.nanoTime();
    FhirContext ctx = FhirContext.forR4Cached();
    Map<String, InMemoryFhirProvider<?>> providers = new LinkedHashMap<>();
    Object lock = new Object();
    for (Class<? extends Resource> type : TYPES) {
      providers.put(ctx.getResourceType(type), provider(ctx, type, lock));
    }
    RestfulServer fhir = new RestfulServer(ctx);
    fhir.setResourceProviders(List.copyOf(providers.values()));
    fhir.registerProvider(new InMemoryTransactions(ctx, providers, lock));
    fhir.setDefaultResponseEncoding(EncodingEnum.JSON);

    Server jetty = new Server(new InetSocketAddress("127.0.0.1", port));
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(fhir), "/fhir/*");
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      stopQuietly(jetty);
      throw new IllegalStateException("Embedded FHIR server failed to start", e);
    }
    int actual = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    LOG.info("Embedded FHIR server up on 127.0.0.1:{} in {} ms", actual, (System.nanoTime() - t0) / 1_000_000);
    return new EmbeddedFhirServer(jetty, providers, actual);
  }

  private static <T extends Resource> InMemoryFhirProvider<T> provider(FhirContext ctx, Class<T> type, Object lock) {
    return new InMemoryFhirProvider<>(ctx, type, lock);
  }

  @Override
  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/fhir";
  }

  @Override
  public long resourceCount(String type) {
    return provider(type).count();
  }

  /** Number of stored resources by type, for the types that hold any. */
  public Map<String, Integer> resourceCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    providers.forEach((type, provider) -> {
      if (provider.count() > 0) {
        counts.put(type, provider.count());
      }
    });
    return counts;
  }

  /** Copies of the stored resources of type, in creation order. */
  public List<IBaseResource> resources(String type) {
    return List.copyOf(provider(type).all());
  }

  @Override
  public String addPatient(String mrnSystem, String mrn) {
    Patient patient = new Patient();
    patient.addIdentifier().setSystem(mrnSystem).setValue(mrn);
    return provider("Patient").store(patient).getIdElement().toUnqualifiedVersionless().getValue();
  }

  /** Removes every stored resource of every type. */
  public void clear() {
    providers.values().forEach(InMemoryFhirProvider::clear);
  }

  private InMemoryFhirProvider<?> provider(String type) {
    InMemoryFhirProvider<?> provider = providers.get(type);
    if (provider == null) {
      throw new IllegalArgumentException("Unsupported resource type " + type + "; supported: " + providers.keySet());
    }
    return provider;
  }

  /** Stops Jetty. */
  @Override
  public void close() {
    stopQuietly(jetty);
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) {
      // already stopped or failed to start; nothing left to release
    }
  }
}
