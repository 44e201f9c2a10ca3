package org.phigate.intake;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.runtime.StageProcessor;

/** The intake role's topology: raw HL7 v2 / FHIR bytes to sealed ClinicalEvents, dead letters and audit events. */
public final class IntakeTopology {
  private IntakeTopology() {}

  public static Topology build(TopicSerdes serdes, IntakeStage stage) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, IntakeOutcome> outcomes = builder
        .stream(Topics.INTAKE_RAW.name(), serdes.consumed(Topics.INTAKE_RAW, "intake-source"))
        .processValues(StageProcessor.<byte[], IntakeOutcome>of((key, payload, headers, time) -> {
          Header header = headers.lastHeader(Topics.CONTENT_TYPE_HEADER);
          String contentType = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
          return stage.process(key, payload, contentType, time);
        }), Named.as("intake-parse"));

    outcomes
        .map((key, outcome) -> KeyValue.pair(outcome.audit().getSubjectEventId(), outcome.audit()),
            Named.as("intake-audit"))
        .to(Topics.AUDIT_EVENTS.name(), serdes.produced(Topics.AUDIT_EVENTS, "intake-audit-sink"));

    Map<String, KStream<String, IntakeOutcome>> routes = outcomes.split(Named.as("intake-route-"))
        .branch((key, outcome) -> outcome.accepted(), Branched.as("accepted"))
        .defaultBranch(Branched.as("rejected"));
    routes.get("intake-route-accepted")
        .map((key, outcome) -> KeyValue.pair(outcome.event().getEventId(), outcome.event()),
            Named.as("intake-key-by-event-id"))
        .to(Topics.EVENTS_NORMALIZED.name(), serdes.produced(Topics.EVENTS_NORMALIZED, "intake-normalized-sink"));
    routes.get("intake-route-rejected")
        .mapValues(IntakeOutcome::failure, Named.as("intake-dead-letter"))
        .to(Topics.INTAKE_DLQ.name(), serdes.produced(Topics.INTAKE_DLQ, "intake-dlq-sink"));
    return builder.build();
  }
}
