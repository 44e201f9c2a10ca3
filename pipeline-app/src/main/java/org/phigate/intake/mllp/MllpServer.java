package org.phigate.intake.mllp;

import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HL7 v2 MLLP listener: plain TCP or TLS, one thread per connection (up to a limit, and a limit per client
 * address), any number of messages per connection, idle connections closed. A connection that sends nothing is
 * closed after a short first-frame timeout, and is the first to go when a new connection finds the limits reached,
 * so idle connections cannot lock senders out. Each frame's acknowledgement is written before the next frame is read, as
 * MLLP senders expect, which also keeps each connection's order through the gateway's group commit; the connection
 * threads only read frames and write acknowledgements (the gateway parses on its worker pool). Logs counts and
 * addresses only, never message content.
 */
public final class MllpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MllpServer.class);

  /**
   * Listener settings; keystore null means plain TCP. {@code maxInflightBytes} bounds the frame bytes all connections
   * hold at once; a frame that finds no room within {@code inflightWaitMs} is answered AE (resend).
   */
  public record Settings(String bindAddress, int port, int maxFrameBytes, int idleTimeoutMs, int maxConnections,
                         String keystore, char[] keystorePassword, int maxInflightBytes, long inflightWaitMs,
                         int firstFrameTimeoutMs, int maxConnectionsPerClient) {
    /** Settings with a first-frame timeout of at most 10 s and no limit per client beyond the total. */
    public Settings(String bindAddress, int port, int maxFrameBytes, int idleTimeoutMs, int maxConnections,
                    String keystore, char[] keystorePassword, int maxInflightBytes, long inflightWaitMs) {
      this(bindAddress, port, maxFrameBytes, idleTimeoutMs, maxConnections, keystore, keystorePassword,
          maxInflightBytes, inflightWaitMs, Math.min(idleTimeoutMs, 10_000), maxConnections);
    }

    /** Settings with the default in-flight budget (256 MiB, at least one frame) and a 15 s wait. */
    public Settings(String bindAddress, int port, int maxFrameBytes, int idleTimeoutMs, int maxConnections,
                    String keystore, char[] keystorePassword) {
      this(bindAddress, port, maxFrameBytes, idleTimeoutMs, maxConnections, keystore, keystorePassword,
          Math.max(256 * 1024 * 1024, maxFrameBytes + 64 * 1024), 15_000);
    }
  }

  private final ServerSocket server;
  private final MllpHandler handler;
  private final Settings settings;
  private final ThreadPoolExecutor connections;
  private final InflightBudget budget;
  /** One accepted connection: its client address, and whether it has sent anything yet. */
  private static final class Conn {
    final Socket socket;
    final String peer;
    final long acceptedAt = System.nanoTime();
    volatile boolean spoken;
    volatile boolean evicted;

    Conn(Socket socket) {
      this.socket = socket;
      this.peer = socket.getInetAddress().getHostAddress();
    }
  }

  private final Map<Socket, Conn> open = new ConcurrentHashMap<>();
  private final AtomicLong evictions = new AtomicLong();
  private final Thread acceptor;
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong busy = new AtomicLong();
  private volatile boolean closed;

  private MllpServer(ServerSocket server, MllpHandler handler, Settings settings) {
    this.server = server;
    this.handler = handler;
    this.settings = settings;
    this.budget = new InflightBudget(settings.maxInflightBytes(), java.time.Duration.ofMillis(
        settings.inflightWaitMs()));
    AtomicInteger n = new AtomicInteger();
    // evicted connections may hold their thread a moment after the next one starts: room for a few more threads
    this.connections = new ThreadPoolExecutor(0, settings.maxConnections() + 64, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "phigate-mllp-conn-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.acceptor = new Thread(this::acceptLoop, "phigate-mllp-accept");
    this.acceptor.setDaemon(true);
  }

  /** Binds and starts accepting; port 0 picks a free port (see {@link #port()}). */
  public static MllpServer start(Settings settings, MllpHandler handler) {
    ServerSocket socket;
    try {
      socket = settings.keystore() == null || settings.keystore().isBlank()
          ? new ServerSocket() : tls(settings).getServerSocketFactory().createServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(settings.bindAddress()), settings.port()),
          256);
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot open the MLLP listener on " + settings.bindAddress() + ":"
          + settings.port() + " (" + e.getClass().getSimpleName() + "); check intake.mllp.port, "
          + "intake.mllp.bind.address and the TLS keystore settings");
    }
    MllpServer server = new MllpServer(socket, handler, settings);
    server.acceptor.start();
    LOG.info("MLLP listener on {}:{} ({})", settings.bindAddress(), server.port(),
        settings.keystore() == null || settings.keystore().isBlank() ? "plain TCP" : "TLS");
    return server;
  }

  private static SSLContext tls(Settings settings) throws IOException, java.security.GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(settings.keystore())) {
      keyStore.load(in, settings.keystorePassword());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, settings.keystorePassword());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Frames received since start (all outcomes). */
  public long frames() {
    return frames.get();
  }

  /** Frame bytes the connections hold now, out of {@link Settings#maxInflightBytes()}. */
  public long inflightBytes() {
    return budget.inUse();
  }

  /** Connections waiting for room in the in-flight budget now, not reading their sockets. */
  int waitingForBudget() {
    return budget.waiting();
  }

  /** Frames answered AE because the in-flight budget had no room for them in time. */
  public long busyFrames() {
    return busy.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("MLLP accept failed ({})", e.getClass().getSimpleName());
        }
        continue;
      }
      Conn conn = new Conn(socket);
      if (!admit(conn)) {
        closeQuietly(socket);
        continue;
      }
      open.put(socket, conn);
      try {
        connections.execute(() -> serve(conn));
      } catch (RejectedExecutionException e) {
        open.remove(socket);
        LOG.warn("MLLP connection from {} refused: no thread free", conn.peer);
        closeQuietly(socket);
      }
    }
  }

  /**
   * Room for a new connection within the per-client and total limits, made if need be by closing the oldest
   * connection (of that client, or of any) that has not sent a byte; false when there is none to close.
   */
  private boolean admit(Conn conn) {
    long fromPeer = open.values().stream().filter(c -> !c.evicted && c.peer.equals(conn.peer)).count();
    if (fromPeer >= settings.maxConnectionsPerClient() && !evictSilent(c -> c.peer.equals(conn.peer))) {
      LOG.warn("MLLP connection from {} refused: intake.mllp.max.connections.per.client={} reached", conn.peer,
          settings.maxConnectionsPerClient());
      return false;
    }
    long total = open.values().stream().filter(c -> !c.evicted).count();
    if (total >= settings.maxConnections() && !evictSilent(c -> true)) {
      LOG.warn("MLLP connection from {} refused: intake.mllp.max.connections={} reached", conn.peer,
          settings.maxConnections());
      return false;
    }
    return true;
  }

  private boolean evictSilent(java.util.function.Predicate<Conn> which) {
    java.util.Optional<Conn> oldest = open.values().stream().filter(c -> !c.evicted && !c.spoken).filter(which)
        .min(java.util.Comparator.comparingLong(c -> c.acceptedAt));
    oldest.ifPresent(c -> {
      c.evicted = true;
      evictions.incrementAndGet();
      closeQuietly(c.socket);
    });
    return oldest.isPresent();
  }

  /** Connections closed to make room because they had sent nothing. */
  public long evictedConnections() {
    return evictions.get();
  }

  /** Connections open now. */
  public int openConnections() {
    return (int) open.values().stream().filter(c -> !c.evicted).count();
  }

  private void serve(Conn conn) {
    Socket socket = conn.socket;
    String peer = conn.peer;
    MllpFrameReader reader = null;
    try (socket) {
      socket.setSoTimeout(settings.firstFrameTimeoutMs());
      socket.setTcpNoDelay(true);
      reader = new MllpFrameReader(new FirstBytes(socket.getInputStream(), () -> {
        conn.spoken = true;
        socket.setSoTimeout(settings.idleTimeoutMs());
      }), settings.maxFrameBytes(), budget);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      MllpFrameReader.Frame frame;
      while (!closed && (frame = reader.next()) != null) {
        frames.incrementAndGet();
        String ack = switch (frame.kind()) {
          case COMPLETE -> handler.onMessage(frame.payload());
          case OVERSIZED -> handler.onOversized(frame.payload(), frame.length());
          case BUSY -> {
            busy.incrementAndGet();
            LOG.warn("MLLP frame of {} bytes from {} answered AE: intake.mllp.max.inflight.bytes={} in use for "
                + "{} ms", frame.length(), peer, budget.capacity(), settings.inflightWaitMs());
            yield handler.onBusy(frame.payload(), frame.length());
          }
          case NO_START -> handler.onUnframed(frame.payload(), frame.length());
        };
        if (ack == null) {
          continue;
        }
        out.write(MllpFrameReader.START);
        out.write(ack.getBytes(StandardCharsets.ISO_8859_1));
        out.write(MllpFrameReader.END);
        out.write(MllpFrameReader.CR);
        out.flush();
        reader.release();
      }
    } catch (SocketTimeoutException e) {
      LOG.debug("MLLP connection from {} idle for {} ms: closed", peer, conn.spoken ? settings.idleTimeoutMs()
          : settings.firstFrameTimeoutMs());
    } catch (SocketException e) {
      LOG.debug("MLLP connection from {} reset", peer);
    } catch (IOException | RuntimeException e) {
      LOG.warn("MLLP connection from {} ended ({})", peer, e.getClass().getSimpleName());
    } finally {
      if (reader != null) {
        reader.release();
      }
      open.remove(socket);
    }
  }

  /** Calls back once, on the first bytes read: the connection has spoken, its idle timeout now applies. */
  private static final class FirstBytes extends java.io.FilterInputStream {
    interface Callback {
      void run() throws IOException;
    }

    private Callback first;

    FirstBytes(InputStream in, Callback first) {
      super(in);
      this.first = first;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0 && first != null) {
        Callback once = first;
        first = null;
        once.run();
      }
      return n;
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a refused or finished connection; nothing to release
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    open.keySet().forEach(MllpServer::closeQuietly);
    connections.shutdownNow();
    try {
      connections.awaitTermination(10, TimeUnit.SECONDS);
      acceptor.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
