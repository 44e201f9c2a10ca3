package org.phigate.ehr;

import ca.uhn.fhir.rest.server.RestfulServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts a HAPI FHIR JPA server (R4, H2 on disk) on Jetty at {@code http://HOST:PORT/fhir} and prints
 * {@value #READY} followed by the base URL once it answers; runs until the JVM is stopped.
 */
@Command(name = "phigate-ehr-server", mixinStandardHelpOptions = true,
    description = "A HAPI FHIR JPA server (FHIR R4, H2 database on disk): the EHR for the demo and the tests.")
public final class EhrServerMain implements Callable<Integer> {
  /** The line prefix that tells a launcher the server is ready; the base URL follows it. */
  public static final String READY = "PHIGATE-EHR-READY ";

  @Option(names = "--port", required = true, description = "TCP port to listen on (0 = any free port).")
  int port;

  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "Directory of the H2 database; created when missing, reused (with its resources) when present.")
  Path dataDir;

  @Option(names = "--exit-with-parent", description = "Exit when the process that started this one ends (so a "
      + "killed demo or test run leaves no server behind).")
  boolean exitWithParent;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
  String host;

  public static void main(String[] args) {
    int exit = new CommandLine(new EhrServerMain()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    if (exitWithParent) {
      ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    }
    Files.createDirectories(dataDir);
    AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext();
    spring.getEnvironment().getPropertySources().addFirst(new MapPropertySource("phigate-ehr",
        java.util.Map.of(JpaServerConfig.DATA_DIR_PROPERTY, dataDir.toAbsolutePath().toString())));
    spring.register(JpaServerConfig.class);
    spring.refresh();
    long springMs = (System.nanoTime() - t0) / 1_000_000;
    Server jetty = new Server(new InetSocketAddress(host, port));
    ServletContextHandler context = new ServletContextHandler("/");
    ServletHolder fhir = new ServletHolder(spring.getBean(RestfulServer.class));
    fhir.setInitOrder(1);
    context.addServlet(fhir, "/fhir/*");
    jetty.setHandler(context);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(jetty, spring), "phigate-ehr-stop"));
    jetty.start();
    int actual = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    System.out.println(READY + "http://" + host + ":" + actual + "/fhir" + " started in "
        + (System.nanoTime() - t0) / 1_000_000 + " ms (JPA and DAOs " + springMs + " ms)");
    System.out.flush();
    jetty.join();
    return 0;
  }

  private static void stop(Server jetty, AnnotationConfigApplicationContext spring) {
    try {
      jetty.stop();
    } catch (Exception e) {
      // stopping anyway: the Spring context below closes the database cleanly
    }
    spring.close();
  }
}
