package org.phigate.audit.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.phigate.audit.auditor.FhirExport;
import org.phigate.audit.auditor.Replay;
import org.phigate.schema.AuditEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `phigate audit export --format fhir`: a Bundle of FHIR R4 AuditEvent resources (IHE BALP shape). */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export audit records as a FHIR R4 Bundle of AuditEvent resources (IHE BALP).")
public final class ExportCommand implements Callable<Integer> {
  @Mixin
  ArchiveOptions source;

  @Option(names = "--format", defaultValue = "fhir", description = "Export format: fhir (default).")
  String format;

  @Option(names = "--from-topic", description = "Read phigate.audit.events instead of the archive.")
  boolean fromTopic;

  @Option(names = "--patient-token", paramLabel = "T") String patientToken;
  @Option(names = "--event-id", paramLabel = "E") String eventId;
  @Option(names = "--from", paramLabel = "INSTANT") Instant from;
  @Option(names = "--to", paramLabel = "INSTANT") Instant to;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the Bundle here instead of stdout.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!"fhir".equals(format)) {
      throw new IllegalArgumentException("--format " + format + " is not supported; use --format fhir");
    }
    List<AuditEvent> records = Replay.chains(ReplayCommand.load(source, fromTopic), patientToken, eventId, from, to)
        .stream().flatMap(c -> c.steps().stream()).toList();
    String json = FhirExport.json(records);
    if (out == null) {
      System.out.println(json);
    } else {
      Files.writeString(out, json, StandardCharsets.UTF_8);
      System.out.println("wrote a Bundle of " + records.size() + " FHIR AuditEvent resources to " + out);
    }
    return 0;
  }
}
