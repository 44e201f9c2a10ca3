package org.phigate.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real S3 API that enforces Object Lock: Ceph RADOS Gateway 16 (mon + memstore OSD + radosgw) from Debian
 * packages, downloaded with apt-get and unpacked with dpkg -x into ~/.cache/phigate/ceph-16 (or
 * -Dphigate.cache.dir) on first use, no system install; then started on free ports by ceph/rgw-local.sh.
 * Needs a Debian/Ubuntu host with apt-get, dpkg and python3 (root runs apt-get update when lists are missing).
 */
public final class CephRgw implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("READY pids=(\\d+) (\\d+) (\\d+)");
  private final int port;
  private final List<Long> pids;
  private final long startMillis;

  private CephRgw(int port, List<Long> pids, long startMillis) {
    this.port = port;
    this.pids = pids;
    this.startMillis = startMillis;
  }

  /** Starts a fresh single-node cluster; S3 user test/test. */
  public static CephRgw start() {
    long t0 = System.nanoTime();
    try {
      String cacheProp = System.getProperty("phigate.cache.dir", "");
      Path cache = (cacheProp.isBlank() ? Path.of(System.getProperty("user.home"), ".cache", "phigate")
          : Path.of(cacheProp)).resolve("ceph-16");
      Path run = Files.createTempDirectory("phigate-rgw-");
      Path script = run.resolve("rgw-local.sh");
      try (InputStream in = CephRgw.class.getResourceAsStream("/ceph/rgw-local.sh")) {
        Files.copy(in, script);
      }
      int port = freePort();
      int monPort = freePort();
      Path log = run.resolve("start.log");
      Process p = new ProcessBuilder("bash", script.toString(), cache.toString(), run.resolve("cluster").toString(),
          Integer.toString(port), Integer.toString(monPort)).redirectErrorStream(true).redirectOutput(log.toFile())
          .start();
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("Ceph RGW did not start within 15 minutes; see " + log);
      }
      String out = Files.readString(log);
      Matcher m = READY.matcher(out);
      if (p.exitValue() != 0 || !m.find()) {
        throw new IllegalStateException("Ceph RGW failed to start (exit " + p.exitValue() + "); see " + log + ":\n"
            + out.substring(Math.max(0, out.length() - 2000)));
      }
      List<Long> pids = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        pids.add(Long.parseLong(m.group(i)));
      }
      return new CephRgw(port, pids, (System.nanoTime() - t0) / 1_000_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Milliseconds from start() to a usable S3 API (includes the one-time download on a fresh machine). */
  public long startMillis() {
    return startMillis;
  }

  @Override
  public void close() {
    // stop exactly the daemons this harness started, by pid
    for (int i = pids.size() - 1; i >= 0; i--) {
      ProcessHandle.of(pids.get(i)).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
