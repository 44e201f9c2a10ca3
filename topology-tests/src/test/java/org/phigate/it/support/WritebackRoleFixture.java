package org.phigate.it.support;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.CommonConfig;
import org.phigate.config.WritebackConfig;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.security.Keys;

/** The write-back role on its own, on a plaintext broker, as the write-back integration tests run it. */
public final class WritebackRoleFixture {
  private WritebackRoleFixture() {}

  /**
   * Settings for one tenant writing to the EHR at {@code fhirBase}: broker and registry, Streams state under
   * {@code stateDir}, replication 1 and fresh event, vault and HMAC keys; mutable, for the test's own settings.
   */
  public static Map<String, String> settings(String bootstrap, String registryUrl, String tenant, Path stateDir,
      String fhirBase) {
    Map<String, String> settings = new HashMap<>(Map.of(
        CommonConfig.BOOTSTRAP.name(), bootstrap,
        CommonConfig.REGISTRY_URL.name(), registryUrl,
        CommonConfig.TENANT.name(), tenant,
        CommonConfig.STATE_DIR.name(), stateDir.toString(),
        CommonConfig.REPLICATION.name(), "1",
        CommonConfig.TOPIC_REPLICATION.name(), "1",
        WritebackConfig.FHIR_BASE.name(), fhirBase));
    settings.put(CommonConfig.EVENT_KEY.name(), Keys.randomBase64());
    settings.put(CommonConfig.VAULT_KEY.name(), Keys.randomBase64());
    settings.put(CommonConfig.HMAC_KEY.name(), Keys.randomBase64());
    return settings;
  }

  /** Creates the catalog's topics and starts the write-back role; returns once its Streams app runs. */
  public static PipelineRuntime start(CommonConfig common, TopicSerdes serdes) {
    TopicProvisioner.ensureTopics(common);
    PipelineRuntime runtime = PipelineRuntime.start(List.of(Role.WRITEBACK), common, serdes, Clock.systemUTC());
    try {
      runtime.awaitRunning(Duration.ofMinutes(2));
    } catch (RuntimeException | Error e) {
      runtime.close();
      throw e;
    }
    return runtime;
  }
}
