package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.it.support.BrokerCli.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.catalog.PhiContentCodec;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.cli.CliRun;
import org.phigate.config.CommonConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.config.Settings;
import org.phigate.embedded.EmbeddedSchemaRegistry;
import org.phigate.intake.IntakeGateway;
import org.phigate.it.support.BrokerCli;
import org.phigate.it.support.OwnBroker;
import org.phigate.runtime.IntakeListeners;
import org.phigate.intake.IntakeParser;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.runtime.RoleTopologies;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.AuditAgent;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.IntakeFailure;
import org.phigate.schema.PhiContent;
import org.phigate.schema.TextPart;
import org.phigate.security.Keys;
import org.phigate.streams.ProducerFactory;

/** `phigate dlq list|show|replay` against the real broker and a registry: PHI only with the key, and audited. */
class DlqCommandIT {
  static final String BAD = "MSH|^~\\&|ADT1|GH|PHIGATE|HOSP|20260101||ADT^A01|DLQ-IT-1|P|9.9\r"
      + "PID|1||MRN-5150^^^GH^MR||Quixtrot^Zebulonia||19610615|F\r";

  // its own broker: these records must not reach the shared broker's topics, which PipelineIT counts exactly
  @RegisterExtension
  static final OwnBroker BROKER = new OwnBroker();

  @Test
  void shouldListShowWithAuditAndReplayADeadLetter(@TempDir Path dir) throws Exception {
    try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
      Map<String, String> settings = Map.of(CommonConfig.BOOTSTRAP.name(), BROKER.kafka().bootstrapServers(),
          CommonConfig.REGISTRY_URL.name(), registry.url(), CommonConfig.EVENT_KEY.name(), Keys.randomBase64(),
          CommonConfig.TOPIC_PARTITIONS.name(), "2", CommonConfig.TOPIC_REPLICATION.name(), "1",
          IntakeConfig.MAX_PAYLOAD.name(), "100000");
      CommonConfig common = new CommonConfig(Settings.of(settings));
      TopicProvisioner.ensureTopics(common);
      IntakeConfig config = new IntakeConfig(common);
      TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registry.url()));
      try (IntakeGateway gateway = IntakeGateway.create(config, serdes, RoleTopologies.intakeStage(config,
          IntakeListeners.audit(config, Clock.systemUTC())), Clock.systemUTC())) {
        assertThat(gateway.submit("DLQ-IT-1", BAD.getBytes(StandardCharsets.UTF_8), IntakeParser.HL7_V2, "test",
            true).status()).isEqualTo(IntakeGateway.Status.REJECTED);
        byte[] big = BAD.replace("DLQ-IT-1", "DLQ-IT-BIG").replace("|9.9\r", "|2.5.1\r")
            .concat("NTE|1||" + "x".repeat(150_000) + "\r").getBytes(StandardCharsets.UTF_8);
        assertThat(gateway.submit("DLQ-IT-BIG", big, IntakeParser.HL7_V2, "test", true).status())
            .isEqualTo(IntakeGateway.Status.REJECTED);
      }
      Path file = BrokerCli.writeConfig(dir.resolve("phigate.properties"), settings);
      BrokerCli topics = new BrokerCli(BROKER.kafka().bootstrapServers());

      String list = run("dlq", "list", "--config", file.toString());
      // the sender's MSH-10 is listed only as its keyed hash; `show` finds it by the sender's id all the same
      assertThat(list).contains("HL7_UNSUPPORTED_VERSION").contains("MSH-12")
          .contains(common.sourceIds().of(common.tenant(), "DLQ-IT-1")).doesNotContain("DLQ-IT-1")
          .doesNotContain("Quixtrot");
      String sealed = run("dlq", "show", "DLQ-IT-1", "--config", file.toString());
      assertThat(sealed).contains("<sealed").doesNotContain("Quixtrot");
      String shown = run("dlq", "show", "DLQ-IT-1", "--show-phi", "--config", file.toString());
      assertThat(shown).contains("Quixtrot^Zebulonia");
      List<AuditEvent> audit = topics.auditEvents(serdes);
      assertThat(audit).anySatisfy(a -> {
        assertThat(a.getSubtype()).isEqualTo("dlq.show");
        assertThat(a.getAction().name()).isEqualTo("R");
        // BALP: the person at the terminal is the one requestor, the CLI service is not
        assertThat(a.getAgents()).filteredOn(AuditAgent::getRequestor).singleElement()
            .extracting(AuditAgent::getWho).asString().startsWith("user:");
        assertThat(a.toString()).doesNotContain("Quixtrot");
      });

      Path fixed = Files.writeString(dir.resolve("fixed.hl7"), BAD.replace("|9.9\r", "|2.5.1\r"));
      long rawBefore = topics.end(Topics.INTAKE_RAW.name());
      String replayed = run("dlq", "replay", "DLQ-IT-1", "--file", fixed.toString(), "--config", file.toString());
      assertThat(replayed).contains("replayed").contains("fixed file");
      assertThat(topics.end(Topics.INTAKE_RAW.name())).isGreaterThan(rawBefore);

      // an oversized message's dead letter keeps only its head: shown as such, and never replayed as the message
      assertThat(run("dlq", "list", "--config", file.toString())).contains("PAYLOAD_TOO_LARGE").contains("truncated/");
      assertThat(run("dlq", "show", "DLQ-IT-BIG", "--config", file.toString())).contains("TRUNCATED")
          .contains("bytes received");
      long rawBeforeRefusal = topics.end(Topics.INTAKE_RAW.name());
      CliRun refusal = CliRun.of("dlq", "replay", "DLQ-IT-BIG", "--config", file.toString());
      assertThat(refusal.exit()).isEqualTo(3);
      assertThat(refusal.err()).contains("--file FULL_COPY").contains("Nothing was published")
          .doesNotContain("Quixtrot");
      assertThat(topics.end(Topics.INTAKE_RAW.name())).isEqualTo(rawBeforeRefusal);
      assertThat(run("dlq", "replay", "DLQ-IT-BIG", "--file", fixed.toString(), "--config", file.toString()))
          .contains("fixed file");

      // a deid dead letter keeps the event's sealed content under the event id: shown with the key, never replayed
      sendDeidDeadLetter(common, serdes);
      assertThat(run("dlq", "show", "DLQ-IT-DEID", "--config", file.toString())).contains("no raw message")
          .doesNotContain("Quixtrot");
      assertThat(run("dlq", "show", "DLQ-IT-DEID", "--show-phi", "--config", file.toString()))
          .contains("Quixtrot Zebulonia was seen").contains("MRN-5150");
    }
  }

  private static void sendDeidDeadLetter(CommonConfig common, TopicSerdes serdes) throws Exception {
    String eventId = "evt-dlq-it-deid";
    PhiContent content = PhiContent.newBuilder().setPatientKey("MRN-5150").setFields(List.of())
        .setTextParts(List.of(new TextPart("OBX[1]-5", "Quixtrot Zebulonia was seen today"))).build();
    IntakeFailure failure = IntakeFailure.newBuilder().setSourceMessageId("DLQ-IT-DEID").setTenant("default")
        .setStage("deid").setReasonCode("DEID_FAILED").setLocation(eventId).setReasonMessage("test")
        .setContentType("application/vnd.phigate.clinical-event").setReceivedAt(Instant.now())
        .setOriginalSha256("n/a").setOriginal(new PhiContentCodec(common.eventCipher()).seal(content, eventId))
        .build();
    try (KafkaProducer<String, byte[]> producer = ProducerFactory.of(BROKER.kafka().bootstrapServers()).create(
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.INTAKE_DLQ.name(), "DLQ-IT-DEID", serdes
          .valueSerde(Topics.INTAKE_DLQ).serializer().serialize(Topics.INTAKE_DLQ.name(), failure))).get();
    }
  }
}
