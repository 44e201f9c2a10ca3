package org.phigate.bench;

import java.nio.file.Path;
import java.util.Map;
import org.phigate.config.CommonConfig;
import org.phigate.config.ReviewConfig;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.embedded.EmbeddedSchemaRegistry;
import org.phigate.embedded.FhirEhr;
import org.phigate.security.Keys;

/** The settings every role of the bench runs with: the embedded services, fresh keys, partitions and threads. */
final class BenchSettings {
  private BenchSettings() {}

  static Map<String, String> of(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, FhirEhr ehr, Path work,
                                int partitions, RoleThreads threads, String decisionMacKey,
                                Map<String, String> extra) {
    Map<String, String> out = new java.util.LinkedHashMap<>(extra);
    out.putAll(Map.ofEntries(
        Map.entry(CommonConfig.BOOTSTRAP.name(), broker.bootstrapServers()),
        Map.entry(CommonConfig.REGISTRY_URL.name(), registry.url()),
        Map.entry(CommonConfig.TENANT.name(), "bench"),
        Map.entry(CommonConfig.INSTANCE_ID.name(), "bench"),
        Map.entry(CommonConfig.STATE_DIR.name(), work.resolve("state").toString()),
        Map.entry(CommonConfig.REPLICATION.name(), "1"),
        Map.entry(CommonConfig.TOPIC_REPLICATION.name(), "1"),
        Map.entry(CommonConfig.TOPIC_PARTITIONS.name(), Integer.toString(partitions)),
        // fresh random keys per run, never written anywhere
        Map.entry(CommonConfig.EVENT_KEY.name(), Keys.randomBase64()),
        Map.entry(CommonConfig.VAULT_KEY.name(), Keys.randomBase64()),
        Map.entry(CommonConfig.HMAC_KEY.name(), Keys.randomBase64()),
        // the review role refuses to start without the key that verifies reviewers' decisions
        Map.entry(ReviewConfig.MAC_KEY.name(), decisionMacKey),
        Map.entry("writeback.fhir.base.url", ehr.baseUrl())));
    if (threads.defaultThreads() > 0) {
      out.put(CommonConfig.THREADS.name(), Integer.toString(threads.defaultThreads()));
    }
    return out;
  }
}
