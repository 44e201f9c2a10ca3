package org.phigate.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.OpsServer;
import org.phigate.runtime.PipelineRuntime;
import org.phigate.runtime.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate run`: the production entry point for one or more roles against external services. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run roles against an external Kafka cluster, schema registry and FHIR server.")
public final class RunCommand implements Callable<Integer> {
  @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE",
      description = "Comma-separated roles: intake, deid, inference, review, writeback, audit-archiver.")
  List<String> roles;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file; every key can also be set by "
      + "its PHIGATE_* environment variable (see `phigate config --describe`).")
  Path config;

  @Option(names = "--allow-mixed-zones", description = "Start roles of different trust zones in one process "
      + "(sets run.allow.mixed.zones=true); without it each process runs one zone.")
  boolean allowMixedZones;

  @Override
  public Integer call() throws Exception {
    List<Role> selected = roles.stream().map(Role::of).toList();
    CommonConfig common = new CommonConfig(Settings.load(config, allowMixedZones
        ? java.util.Map.of(CommonConfig.ALLOW_MIXED_ZONES.name(), "true") : java.util.Map.of()));
    // every problem of the file and the environment at once, before any client or connection exists
    Role.validateForRun(common, selected);
    TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(common.registryUrl()));
    System.out.println("[run] starting " + selected.stream().map(Role::id).toList() + " against "
        + common.bootstrapServers());
    PipelineRuntime runtime = PipelineRuntime.start(selected, common, serdes, Clock.systemUTC());
    OpsServer ops = common.opsPort() > 0 ? OpsServer.start(common.opsHost(), common.opsPort(), common.opsTls(), runtime) : null;
    if (ops != null) {
      System.out.println("[run] health " + ops.url() + "/health, metrics " + ops.url() + "/metrics");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (ops != null) {
        ops.close();
      }
      runtime.close();
      stopped.countDown();
    }, "phigate-shutdown"));
    runtime.awaitRunning(Duration.ofMinutes(5));
    System.out.println("[run] all roles RUNNING; Ctrl-C or SIGTERM stops them cleanly");
    stopped.await();
    return 0;
  }
}
