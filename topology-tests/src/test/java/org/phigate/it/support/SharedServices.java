package org.phigate.it.support;

import org.phigate.embedded.EmbeddedKafkaBroker;

/**
 * Once-per-JVM broker and registry for integration tests: each start costs seconds, so the first test to ask starts
 * the service and a shutdown hook stops it when the test JVM exits.
 */
public final class SharedServices {
  private static EmbeddedKafkaBroker kafka;
  private static ApicurioRegistryProcess apicurio;

  private SharedServices() {}

  /** The shared in-JVM KRaft broker. */
  public static synchronized EmbeddedKafkaBroker kafka() {
    if (kafka == null) {
      EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "phigate-it-kafka-stop"));
      kafka = broker;
    }
    return kafka;
  }

  /** The shared Apicurio Registry process. */
  public static synchronized ApicurioRegistryProcess apicurio() {
    if (apicurio == null) {
      ApicurioRegistryProcess registry = ApicurioRegistryProcess.start();
      Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "phigate-it-apicurio-stop"));
      apicurio = registry;
    }
    return apicurio;
  }
}
