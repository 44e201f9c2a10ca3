package org.phigate.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.phigate.runtime.Role;
import org.phigate.streams.StreamsProperties;

/** 164.312(c) integrity of the pipeline's records: exactly-once v2 in every Streams role. */
final class IntegrityChecks {
  private IntegrityChecks() {}

  static List<Check> all() {
    return List.of(Check.of("IN-EOS", IntegrityChecks::exactlyOnce));
  }

  private static Outcome exactlyOnce(Deployment d) {
    List<String> good = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Role role : d.roles()) {
      if (role == Role.AUDIT_ARCHIVER) {
        continue; // a consumer that commits offsets only after a segment and its checkpoint are durable
      }
      // the properties the role would start with; the handlers' dead-letter policy is not needed to read them
      Properties props = StreamsProperties.forRole(role.config(d.common()), failed -> {
        throw new IllegalStateException("not started");
      });
      Object guarantee = props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
      String requested = d.kafka(role).get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
      String note = requested != null && !requested.trim().equals(StreamsConfig.EXACTLY_ONCE_V2)
          ? " (kafka." + StreamsConfig.PROCESSING_GUARANTEE_CONFIG + "=" + requested.trim() + " is overridden)" : "";
      (StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee) ? good : problems).add(role.id() + ": "
          + StreamsConfig.PROCESSING_GUARANTEE_CONFIG + "=" + guarantee + note);
    }
    if (good.isEmpty() && problems.isEmpty()) {
      return Outcome.notApplicable("no Kafka Streams role selected");
    }
    return Outcome.of(good, problems);
  }
}
