package org.phigate.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.phigate.config.CommonConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-JVM single-node KRaft Kafka broker (combined broker and controller) for the demo and integration tests;
 * supports transactions, so exactly-once Streams applications run against it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String CONFIG_FILE = "server.properties";
  private static final int MAX_BIND_ATTEMPTS = 3;

  private final Path dataDir;
  private final boolean deleteOnClose;
  private final int port;
  private final int sslPort;
  private final BrokerSecurity security;
  private final KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafkaBroker(Path dataDir, boolean deleteOnClose, Properties props, BrokerSecurity security,
                              KafkaRaftServer server) {
    this.dataDir = dataDir;
    this.deleteOnClose = deleteOnClose;
    this.security = security;
    this.port = portOf(props.getProperty("listeners"), security == null ? "PLAINTEXT" : "SASL_SSL");
    this.sslPort = security == null ? -1 : portOf(props.getProperty("listeners"), "SSL");
    this.server = server;
  }

  /** Starts a broker in a fresh temporary directory that {@link #close()} deletes. */
  public static EmbeddedKafkaBroker start() {
    try {
      return start(Files.createTempDirectory("phigate-kafka-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a broker whose configuration and logs live in dataDir (kept on close). A directory formatted by an earlier
   * run is reused with its original ports, so a restarted broker keeps its topics and committed offsets.
   */
  public static EmbeddedKafkaBroker start(Path dataDir) {
    return start(dataDir, false, null);
  }

  /**
   * Starts a broker that enforces transport security, authentication and ACLs, in a fresh temporary directory that
   * {@link #close()} deletes: SASL_SSL (SCRAM-SHA-512) and SSL with client certificates (mTLS, principal = the
   * certificate's CN), StandardAuthorizer with {@code allow.everyone.if.no.acl.found=false}. A local CA, the broker's
   * certificate and, for {@link BrokerSecurity#ADMIN} (super user) and every one of {@code users}, a SCRAM
   * credential and a client certificate are generated at start; see {@link #security()}.
   */
  public static EmbeddedKafkaBroker startSecure(List<String> users) {
    try {
      return start(Files.createTempDirectory("phigate-kafka-secure-"), true, List.copyOf(users));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@link #startSecure(List)} in dataDir, kept on close (its owner removes it): the CA, keystores and secrets are
   * generated in {@code dataDir/security}, owner-only.
   */
  public static EmbeddedKafkaBroker startSecure(Path dataDir, List<String> users) {
    return start(dataDir, false, List.copyOf(users));
  }

  private static EmbeddedKafkaBroker start(Path dataDir, boolean deleteOnClose) {
    return start(dataDir, deleteOnClose, null);
  }

  private static EmbeddedKafkaBroker start(Path dataDir, boolean deleteOnClose, List<String> users) {
    long t0 = System.nanoTime();
    try {
      Files.createDirectories(dataDir);
      boolean formatted = Files.exists(dataDir.resolve("logs").resolve("meta.properties"));
      for (int attempt = 1; ; attempt++) {
        BrokerSecurity security = users == null ? null
            : formatted ? BrokerSecurity.load(dataDir, users) : BrokerSecurity.generate(dataDir, users);
        Properties props = formatted ? load(dataDir.resolve(CONFIG_FILE)) : formatFresh(dataDir, security);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
          server.startup();
        } catch (RuntimeException e) {
          server.shutdown();
          if (formatted || attempt >= MAX_BIND_ATTEMPTS || !causedByBind(e)) {
            throw e;
          }
          LOG.warn("Embedded Kafka broker lost a port race (attempt {}); retrying on new ports", attempt);
          Dirs.deleteQuietly(dataDir.resolve("logs"));
          continue;
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, deleteOnClose, props, security, server);
        LOG.info("Embedded Kafka broker up on {}{} in {} ms", broker.bootstrapServers(),
            security == null ? "" : " (SASL_SSL; mTLS on " + broker.tlsBootstrapServers() + ")",
            (System.nanoTime() - t0) / 1_000_000);
        return broker;
      }
    } catch (IOException e) {
      if (deleteOnClose) {
        Dirs.deleteQuietly(dataDir);
      }
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      if (deleteOnClose) {
        Dirs.deleteQuietly(dataDir);
      }
      throw e;
    }
  }

  private static Properties formatFresh(Path dataDir, BrokerSecurity security) throws IOException {
    Properties props = brokerProperties(dataDir, FreePorts.find(), FreePorts.find());
    if (security != null) {
      security.applyTo(props, FreePorts.find(), FreePorts.find(), FreePorts.find());
    }
    Path configFile = dataDir.resolve(CONFIG_FILE);
    store(props, configFile);
    format(configFile, security == null ? List.of() : security.formatArguments());
    return props;
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static int portOf(String listeners, String name) {
    for (String listener : listeners.split(",")) {
      if (listener.startsWith(name + "://")) {
        return Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
      }
    }
    throw new IllegalStateException("No " + name + " listener in " + listeners);
  }

  static Properties brokerProperties(Path dataDir, int port, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "5");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "5");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.num.partitions", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("log.cleaner.dedupe.buffer.size", "2097152");
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "4");
    p.setProperty("background.threads", "2");
    // multi-megabyte FHIR bundles: the broker default and replication match topics.max.message.bytes' default
    String maxMessageBytes = CommonConfig.MAX_MESSAGE_BYTES.defaultValue();
    p.setProperty("message.max.bytes", maxMessageBytes);
    p.setProperty("replica.fetch.max.bytes", maxMessageBytes);
    return p;
  }

  private static void format(Path configFile, List<String> extra) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String clusterId = Uuid.randomUuid().toString();
    List<String> args = new ArrayList<>(List.of(
        "format", "--standalone", "--cluster-id", clusterId, "--config", configFile.toString()));
    args.addAll(extra);
    int rc;
    try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      rc = StorageTool.execute(args.toArray(String[]::new), ps);
    }
    if (rc != 0) {
      // the output may echo --add-scram arguments: only the exit code leaves this method
      throw new IllegalStateException("Kafka storage format failed (" + rc + ")"
          + (extra.isEmpty() ? ": " + out.toString(StandardCharsets.UTF_8) : ""));
    }
  }

  /**
   * Bootstrap servers for clients, e.g. {@code 127.0.0.1:40123}: the PLAINTEXT listener, or for a secure broker the
   * SASL_SSL one.
   */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The SSL listener that requires a client certificate (secure broker only). */
  public String tlsBootstrapServers() {
    if (security == null) {
      throw new IllegalStateException("not a secure broker: start it with startSecure");
    }
    return "127.0.0.1:" + sslPort;
  }

  /** The generated CA and credentials of a secure broker. */
  public BrokerSecurity security() {
    if (security == null) {
      throw new IllegalStateException("not a secure broker: start it with startSecure");
    }
    return security;
  }

  /** The directory that holds the broker's configuration and logs. */
  public Path dataDir() {
    return dataDir;
  }

  /** Shuts the broker down and, for a temporary broker, deletes its directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      if (deleteOnClose) {
        Dirs.deleteQuietly(dataDir);
      }
    }
  }

  private static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    return p;
  }

  private static void store(Properties p, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      p.store(out, "PHIGate embedded KRaft broker");
    }
  }
}
