package org.phigate.audit.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.phigate.audit.archive.ArchiveStore;
import org.phigate.audit.auditor.AuditSources;
import org.phigate.audit.auditor.Replay;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.CommonConfig;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.schema.AuditEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `phigate audit replay`: the chain of one clinical event, intake to EHR write, from the archive or the topic. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Show each clinical event's audit chain "
    + "(intake, detection, redaction, inference, review, EHR write) as a timeline, or as JSON with --json.")
public final class ReplayCommand implements Callable<Integer> {
  @Mixin
  ArchiveOptions source;

  @Option(names = "--from-topic", description = "Read phigate.audit.events directly (records not yet archived "
      + "included); Kafka and registry settings come from --config.")
  boolean fromTopic;

  @Option(names = "--patient-token", paramLabel = "T", description = "Only events of this patient token.")
  String patientToken;

  @Option(names = "--event-id", paramLabel = "E", description = "Only this clinical event.")
  String eventId;

  @Option(names = "--from", paramLabel = "INSTANT", description = "Records at or after (ISO-8601, e.g. "
      + "2025-01-31T00:00:00Z).")
  Instant from;

  @Option(names = "--to", paramLabel = "INSTANT", description = "Records at or before (ISO-8601).")
  Instant to;

  @Option(names = "--json", description = "Print JSON instead of the timeline.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    List<Replay.Chain> chains = Replay.chains(load(source, fromTopic), patientToken, eventId, from, to);
    System.out.println(json ? Replay.json(chains) : Replay.timeline(chains));
    if (!json) {
      System.out.println(chains.size() + " event chain(s)");
    }
    return chains.isEmpty() ? 3 : 0;
  }

  static List<AuditEvent> load(ArchiveOptions source, boolean fromTopic) throws Exception {
    if (fromTopic) {
      CommonConfig common = source.common();
      return AuditSources.fromTopic(common, new TopicSerdes(new RestSchemaRegistryClient(common.registryUrl())));
    }
    try (ArchiveStore store = source.open()) {
      return AuditSources.fromArchive(store);
    }
  }
}
