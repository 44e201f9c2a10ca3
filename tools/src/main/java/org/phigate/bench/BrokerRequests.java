package org.phigate.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Requests the embedded broker (same JVM) handled, by request type, from its JMX meters
 * ({@code kafka.network:type=RequestMetrics,name=RequestsPerSec,request=*}, summed over versions): what the
 * pipeline's Kafka work consists of (produce, fetch, and the transactions' AddPartitionsToTxn, TxnOffsetCommit,
 * EndTxn and WriteTxnMarkers).
 */
final class BrokerRequests {
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private Map<String, Long> start = Map.of();

  void mark() {
    start = snapshot();
  }

  /** Requests per type since {@link #mark}, types that saw none left out. */
  Map<String, Long> since() {
    Map<String, Long> out = new TreeMap<>();
    snapshot().forEach((type, count) -> {
      long delta = count - start.getOrDefault(type, 0L);
      if (delta > 0) {
        out.put(type, delta);
      }
    });
    return out;
  }

  private Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    try {
      for (ObjectName name : server.queryNames(
          new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null)) {
        Object count = server.getAttribute(name, "Count");
        if (count instanceof Number n) {
          out.merge(name.getKeyProperty("request"), n.longValue(), Long::sum);
        }
      }
    } catch (JMException e) {
      // no broker meters in this JVM (an external broker): nothing to count
      return Map.of();
    }
    return out;
  }
}
