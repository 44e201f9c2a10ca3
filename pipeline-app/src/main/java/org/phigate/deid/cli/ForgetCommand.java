package org.phigate.deid.cli;

import org.phigate.deid.known.Erasure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.Topics;
import org.phigate.audit.AuditEvents;
import org.phigate.audit.AuditLog;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.CommonConfig;
import org.phigate.config.KekConfig;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.schema.AuditAction;
import org.phigate.security.keys.KeyShredder;
import org.phigate.deid.KnownIdentifierEraser;
import org.phigate.config.Settings;
import org.phigate.streams.ProducerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `phigate deid forget`: asks the deid role to erase one patient's remembered identifiers. Publishes an erasure
 * request to phigate.deid.erasures; the deid role deletes the entry (a changelog tombstone) and audits it. With
 * envelope keys (crypto.kek.keystore) it also destroys the patient's data keys, audited as keys.shred.
 */
@Command(name = "forget", mixinStandardHelpOptions = true, description = "Erase a patient's remembered identifiers "
    + "from the deid known-identifier store (request on phigate.deid.erasures; the deid role deletes and audits).")
public final class ForgetCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", required = true,
      description = "Properties file: kafka.*, tenant, and crypto.hmac.key for --patient-key.")
  Path config;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(names = "--reason", defaultValue = Erasure.ADMIN_REQUEST,
      description = "Reason code recorded in the audit event (default ${DEFAULT-VALUE}).")
  String reason;

  /** Which patient: the key intake uses (hashed here, never sent) or the patient token itself. */
  static final class Target {
    @Option(names = "--patient-key", description = "MRN or FHIR patient id as intake keys the patient.")
    String patientKey;
    @Option(names = "--patient-token", description = "PT-... token, as in de-identified events and audit.")
    String patientToken;
  }

  @Override
  public Integer call() throws Exception {
    CommonConfig common = CommonConfig.load(config);
    ProducerRecord<String, byte[]> request = request(common, target.patientKey, target.patientToken, reason,
        "user:" + System.getProperty("user.name", "unknown"));
    RecordMetadata m = send(common, request);
    System.out.println("erasure request for " + request.key() + " published to " + request.topic() + " ("
        + m.partition() + "@" + m.offset() + "); the deid role writes a deid.known.erase audit event");
    if (KekConfig.enabled(common.settings())) {
      shredKeys(common, request.key(), Erasure.decode(new String(request.value(), StandardCharsets.UTF_8)));
    }
    return 0;
  }

  /** With envelope keys, the patient's data keys go too (audited first, as keys.shred): everything sealed for them. */
  private static void shredKeys(CommonConfig common, String token, Erasure erasure) {
    KeyShredder shredder = new KeyShredder(KekConfig.store(common));
    java.util.List<String> keys = shredder.keysOf(common.tenant(), token);
    AuditEvents audit = new AuditEvents("operator-cli", "service:phigate-cli", common.instanceId() + "/cli",
        common.instanceAddress(), java.time.Clock.systemUTC());
    try (AuditLog log = AuditLog.connect(common, new TopicSerdes(new RestSchemaRegistryClient(common.registryUrl())))) {
      log.record(audit.event("keys.shred", AuditAction.D, erasure.requestId()).patientToken(token)
          .agent(erasure.requestor() == null ? "user:unknown" : erasure.requestor(), "operator", true)
          .purpose("HOPERAT").entity(Topics.DATA_KEYS.name() + "/" + token, "DataKey", "4")
          .detail("reason", erasure.reasonCode()).detail("requestId", erasure.requestId())
          .detail("dataKeys", keys.size()).detail("at", java.time.Instant.now()).build());
    }
    System.out.println("destroyed " + shredder.shred(common.tenant(), token, erasure.requestId()).size()
        + " data keys of " + token + " (crypto-shredded)");
  }

  /** The erasure request record; the patient key itself never leaves this process. */
  static ProducerRecord<String, byte[]> request(CommonConfig common, String patientKey, String patientToken,
                                                String reason, String requestor) {
    String token = patientToken != null ? patientToken.strip()
        : common.pseudonymizer().patientToken(common.tenant(), patientKey);
    if (!Erasure.PATIENT_TOKEN.matcher(token).matches()) {
      throw new IllegalArgumentException("--patient-token must look like PT- followed by 12 hex digits");
    }
    Erasure erasure = new Erasure(reason,
        "erase-" + UUID.randomUUID(), requestor);
    if (!Erasure.decode(erasure.encode()).equals(erasure)) {
      throw new IllegalArgumentException("--reason must be an upper-case code such as ADMIN_REQUEST");
    }
    return new ProducerRecord<>(Topics.DEID_ERASURES.name(), token,
        erasure.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static RecordMetadata send(CommonConfig common, ProducerRecord<String, byte[]> record) throws Exception {
    try (KafkaProducer<String, byte[]> producer = ProducerFactory.of(common).create(new StringSerializer(),
        new ByteArraySerializer())) {
      return producer.send(record).get(60, TimeUnit.SECONDS);
    }
  }
}
