package org.phigate.runtime;

import java.time.Clock;
import org.apache.kafka.streams.Topology;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.CommonConfig;
import org.phigate.config.ConfigException;
import org.phigate.config.DeidConfig;
import org.phigate.config.InferenceConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.config.KekConfig;
import org.phigate.config.ReviewConfig;
import org.phigate.config.RoleConfig;
import org.phigate.config.WritebackConfig;
import org.phigate.deadletter.PhiZoneDeadLetters;
import org.phigate.deadletter.PlainDeadLetters;
import org.phigate.deadletter.WritebackDeadLetters;
import org.phigate.deid.DeidStage;
import org.phigate.deid.DeidTopology;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.known.KnownIdentifierPolicy;
import org.phigate.deid.known.KnownIdentifierStore;
import org.phigate.deid.redact.RedactionPolicy;
import org.phigate.deid.redact.Redactor;
import org.phigate.inference.ClinicalModel;
import org.phigate.inference.DetectorWorkflows;
import org.phigate.inference.InferenceService;
import org.phigate.inference.InferenceWorkers;
import org.phigate.inference.OffThreadSettings;
import org.phigate.inference.InferenceStage;
import org.phigate.inference.InferenceTopology;
import org.phigate.inference.PromptBuilder;
import org.phigate.inference.drafts.DraftReplies;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.inference.models.Models;
import org.phigate.intake.Hl7VersionRange;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.IntakeStage;
import org.phigate.intake.IntakeTopology;
import org.phigate.intake.WorkflowRouter;
import org.phigate.intake.rules.RulesException;
import org.phigate.intake.rules.StructuredRules;
import org.phigate.review.Escalations;
import org.phigate.review.ReviewStage;
import org.phigate.review.ReviewTopology;
import org.phigate.review.ServiceLevels;
import org.phigate.review.auth.DecisionMac;
import org.phigate.streams.DeadLetters;
import org.phigate.writeback.DeliveryPolicy;
import org.phigate.writeback.fhir.FhirBundleWriter;
import org.phigate.writeback.fhir.FhirWriteSettings;
import org.phigate.writeback.WritebackStage;
import org.phigate.writeback.WritebackTopology;
import org.phigate.writeback.WritebackWorkers;

/** Wires each Streams role's stage from its typed config and returns the role's topology (a pure factory). */
public final class RoleTopologies {
  private RoleTopologies() {}

  public static Topology build(Role role, CommonConfig common, TopicSerdes serdes, Clock clock) {
    RoleConfig config = role.config(common);
    AuditEvents audit = audit(role, config, clock);
    return switch (role) {
      case INTAKE -> intake(new IntakeConfig(common), serdes, audit);
      case DEID -> deid(new DeidConfig(common), serdes, audit, clock);
      case INFERENCE -> inference(new InferenceConfig(common), serdes, audit, clock);
      case REVIEW -> review(new ReviewConfig(common), serdes, audit);
      case WRITEBACK -> writeback(new WritebackConfig(common), serdes, audit, clock);
      case AUDIT_ARCHIVER -> throw new IllegalArgumentException("audit-archiver is a consumer, not a Streams app");
    };
  }

  /**
   * Where a Streams role's exception handlers dead-letter a failed record: the PHI zone's records sealed on
   * phigate.intake.dlq, write-back's on phigate.ehr.dlq, those of the roles whose inputs hold no PHI on
   * phigate.poison.dlq; each with an audit event.
   */
  public static DeadLetters deadLetters(Role role, CommonConfig common, TopicSerdes serdes, Clock clock) {
    AuditEvents audit = audit(role, role.config(common), clock);
    return switch (role) {
      case INTAKE, DEID -> new PhiZoneDeadLetters(role.id(), common.tenant(), common.eventCipher(),
          common.sourceIds(), serdes, audit, clock);
      case WRITEBACK -> new WritebackDeadLetters(role.id(), common.tenant(), serdes, audit, clock);
      case INFERENCE, REVIEW -> new PlainDeadLetters(role.id(), serdes, audit);
      case AUDIT_ARCHIVER -> throw new IllegalArgumentException("audit-archiver is a consumer, not a Streams app");
    };
  }

  private static AuditEvents audit(Role role, RoleConfig config, Clock clock) {
    CommonConfig common = config.common();
    return new AuditEvents(role.id(), "service:" + config.applicationId(), common.instanceId() + "/" + role.id(),
        common.instanceAddress(), clock);
  }

  private static Topology intake(IntakeConfig config, TopicSerdes serdes, AuditEvents audit) {
    return IntakeTopology.build(serdes, intakeStage(config, audit), config.dedupRetention(),
        config.common().maxMessageBytes(), config.maxNormalizedBytes());
  }

  private static Topology deid(DeidConfig config, TopicSerdes serdes, AuditEvents audit, Clock clock) {
    CommonConfig common = config.common();
    Redactor redactor = new Redactor(common.pseudonymizer(), common.vaultCipher(), policy(config.policy()), clock);
    return DeidTopology.build(serdes, new DeidStage(common.eventCipher(), common.vaultCipher(),
            common.pseudonymizer(), PhiDetector.fromConfig(config), redactor, audit, clock),
        // the event key: only the PHI zone's intake and deid roles hold it; write-back never needs these values
        new KnownIdentifierStore(common.eventCipher()), KnownIdentifierPolicy.from(config),
        common.topicPartitions(), common.maxMessageBytes());
  }

  /** The inference topology: the configured model (embedded or remote) on a worker pool off the stream threads. */
  static Topology inference(InferenceConfig config, TopicSerdes serdes, AuditEvents audit, Clock clock) {
    return inference(config, serdes, audit, clock, Models.create(config));
  }

  /**
   * The inference role's topology around a given model, for tools that measure the pipeline with a stand-in in the
   * model's place ({@code phigate bench}); the guard, safety net, worker pool and audit are the role's own.
   */
  public static Topology inferenceWith(InferenceConfig config, TopicSerdes serdes, Clock clock, ClinicalModel model) {
    return inference(config, serdes, audit(Role.INFERENCE, config, clock), clock, model);
  }

  private static Topology inference(InferenceConfig config, TopicSerdes serdes, AuditEvents audit, Clock clock,
                                    ClinicalModel model) {
    InferenceService service = new InferenceService(new PromptBuilder(), Models.guard(config), model,
        SafetyNet.shipped(), DraftReplies.shipped(), DetectorWorkflows.of(config.crisisDetectorWorkflows()));
    InferenceStage stage = new InferenceStage(service, config.workflows(), audit, clock);
    // a remote model serves requests in parallel: one event per worker call; the embedded model batches embeddings
    OffThreadSettings offThread = new OffThreadSettings(config.remote() ? 1 : config.batchSize(),
        config.maxInFlight(), config.budget(), config.punctuateInterval());
    return InferenceTopology.build(serdes, stage, new InferenceWorkers(config.workers()), offThread);
  }

  /**
   * The MAC decisions must carry. Without review.decision.mac.key (a plan, a config check: `run` refuses to start
   * the role without it) the topology is still built, with a fresh random key nobody holds, so nothing it could see
   * would ever be released.
   */
  private static DecisionMac decisionMac(ReviewConfig config) {
    if (config.get(ReviewConfig.MAC_KEY).isBlank()) {
      byte[] unknown = new byte[32];
      new java.security.SecureRandom().nextBytes(unknown);
      return new DecisionMac(unknown);
    }
    return new DecisionMac(config.macKey());
  }

  private static Topology review(ReviewConfig config, TopicSerdes serdes, AuditEvents audit) {
    Escalations escalations = new Escalations(ServiceLevels.from(config), audit);
    return ReviewTopology.build(serdes, new ReviewStage(audit, escalations,
        decisionMac(config)), escalations,
        new ReviewTopology.SlaCheckSettings(config.slaCheckInterval(), config.slaCheckMaxItems()));
  }

  private static Topology writeback(WritebackConfig config, TopicSerdes serdes, AuditEvents audit, Clock clock) {
    FhirBundleWriter writer = FhirBundleWriter.create(config.fhirBaseUrl(), config.timeoutMs(), config.fhirTls(),
        config.fhirBearerToken(), new FhirWriteSettings(config.identifierSystem(), config.patientIdentifierSystem(),
            config.reviewerIdentifierSystem(), config.sourceMessageIdentifierSystem(), config.ownerIdentifierSystem(),
            config.ownerPools()), clock);
    CommonConfig common = config.common();
    DeliveryPolicy policy = new DeliveryPolicy(config.retryBackoff(), config.retryMaxBackoff(), config.retryBudget(),
        config.maxAttempts(), config.vaultWait(), config.idempotencyRetention());
    return WritebackTopology.build(serdes, new WritebackStage(writer, common.vaultCipher(),
            common.hasReviewKey() ? common.reviewCipher() : null, audit, clock, config.legacyVaultBefore()),
        new WritebackTopology.Delivery(new WritebackWorkers(config.workers()), policy, config.maxInFlight(),
            config.punctuateInterval()));
  }

  /** The intake stage of a config; the MLLP and REST edges share it with the Streams topology. */
  public static IntakeStage intakeStage(IntakeConfig config, AuditEvents audit) {
    StructuredRules rules;
    try {
      rules = StructuredRules.withOverride(config.structuredRulesFile());
    } catch (RulesException e) {
      // the message names the file, rule index and problem; rule files hold no PHI
      throw new ConfigException(e.getMessage());
    }
    IntakeParser parser = new IntakeParser(WorkflowRouter.defaults(), rules,
        Hl7VersionRange.parse(config.hl7Versions()));
    return new IntakeStage(parser, config.common().eventCipher(), audit, config.common().tenant(),
        config.maxPayloadBytes(), config.common().sourceIds(), patientTokens(config.common()));
  }

  /**
   * With envelope keys and crypto.hmac.key (intake shares the PHI zone with deid), intake seals each event under its
   * patient's data key; without the HMAC key under the tenant-day key (not shreddable per patient: such events
   * leave with events.normalized's 7-day retention).
   */
  private static java.util.function.UnaryOperator<String> patientTokens(CommonConfig common) {
    String hmac = common.settings().get(CommonConfig.HMAC_KEY);
    if (!KekConfig.enabled(common.settings()) || hmac == null || hmac.isBlank()) {
      return null;
    }
    org.phigate.security.Pseudonymizer pseudonymizer = common.pseudonymizer();
    String tenant = common.tenant();
    return patientKey -> pseudonymizer.patientToken(tenant, patientKey);
  }

  static RedactionPolicy policy(String id) {
    return switch (id) {
      case RedactionPolicy.SAFE_HARBOR_ID -> RedactionPolicy.safeHarbor();
      case RedactionPolicy.DATE_SHIFT_ID -> RedactionPolicy.dateShift();
      default -> throw new ConfigException(DeidConfig.POLICY.name() + " = \"" + id + "\": expected "
          + DeidConfig.POLICY.expected());
    };
  }
}
