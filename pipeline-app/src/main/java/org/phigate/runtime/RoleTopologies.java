package org.phigate.runtime;

import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.Topology;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.CommonConfig;
import org.phigate.config.DeidConfig;
import org.phigate.config.InferenceConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.config.RoleConfig;
import org.phigate.config.WritebackConfig;
import org.phigate.deid.DeidStage;
import org.phigate.deid.DeidTopology;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.known.KnownIdentifierPolicy;
import org.phigate.deid.known.KnownIdentifierStore;
import org.phigate.deid.redact.RedactionPolicy;
import org.phigate.deid.redact.Redactor;
import org.phigate.inference.ClinicalModel;
import org.phigate.inference.EgressGuard;
import org.phigate.inference.EmbeddedTriageModel;
import org.phigate.inference.InferenceService;
import org.phigate.inference.InferenceWorkers;
import org.phigate.inference.OffThreadSettings;
import org.phigate.inference.PromptBuilder;
import org.phigate.inference.remote.RemoteModels;
import org.phigate.inference.InferenceStage;
import org.phigate.inference.InferenceTopology;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.IntakeStage;
import org.phigate.intake.IntakeTopology;
import org.phigate.intake.WorkflowRouter;
import org.phigate.intake.rules.RulesException;
import org.phigate.intake.rules.StructuredRules;
import org.phigate.review.ReviewStage;
import org.phigate.review.ReviewTopology;
import org.phigate.writeback.FhirTaskWriter;
import org.phigate.writeback.WritebackStage;
import org.phigate.writeback.WritebackTopology;

/** Wires each Streams role's stage from its typed config and returns the role's topology (a pure factory). */
public final class RoleTopologies {
  private RoleTopologies() {}

  public static Topology build(Role role, CommonConfig common, TopicSerdes serdes, Clock clock) {
    RoleConfig config = role.config(common);
    AuditEvents audit = new AuditEvents(role.id(), "service:" + config.applicationId(),
        common.instanceId() + "/" + role.id(), common.instanceAddress(), clock);
    return switch (role) {
      case INTAKE -> IntakeTopology.build(serdes, intakeStage((IntakeConfig) config, audit),
          ((IntakeConfig) config).dedupRetention(), common.maxMessageBytes());
      case DEID -> DeidTopology.build(serdes, new DeidStage(common.eventCipher(), common.vaultCipher(),
          common.pseudonymizer(), PhiDetector.fromConfig((DeidConfig) config), new Redactor(common.pseudonymizer(), common.vaultCipher(),
          policy(((DeidConfig) config).policy()), clock), audit, clock),
          // the event key: only the PHI zone's intake and deid roles hold it; write-back never needs these values
          new KnownIdentifierStore(common.eventCipher()), KnownIdentifierPolicy.from((DeidConfig) config),
          common.topicPartitions(), common.maxMessageBytes());
      case INFERENCE -> inferenceTopology((InferenceConfig) config, serdes, audit, clock);
      case REVIEW -> ReviewTopology.build(serdes, new ReviewStage(audit));
      case WRITEBACK -> {
        WritebackConfig wb = (WritebackConfig) config;
        yield WritebackTopology.build(serdes, new WritebackStage(new FhirTaskWriter(wb.fhirBaseUrl(), wb.timeoutMs(),
            wb.identifierSystem(), wb.patientIdentifierSystem()), common.vaultCipher(), audit, clock,
            wb.maxAttempts(), Duration.ofSeconds(10)));
      }
      case AUDIT_ARCHIVER -> throw new IllegalArgumentException("audit-archiver is a consumer, not a Streams app");
    };
  }

  /** The inference topology: the configured model (embedded or remote) on a worker pool off the stream threads. */
  static Topology inferenceTopology(InferenceConfig config, TopicSerdes serdes, AuditEvents audit, Clock clock) {
    ClinicalModel model = config.remote()
        ? RemoteModels.create(new RemoteModels.Settings(config.remoteBaseUrl(), config.remoteModel(),
            config.remoteApiKey(), config.remoteTimeout(), config.remoteMaxOutputTokens(), config.remoteJsonSchema(),
            config.retryAttempts(), config.retryBackoff(), config.circuitFailures(), config.circuitOpen()))
        : new EmbeddedTriageModel();
    InferenceStage stage = new InferenceStage(new InferenceService(new PromptBuilder(), new EgressGuard(), model),
        config.workflows(), audit, clock);
    // a remote model serves requests in parallel: one event per worker call; the embedded model batches embeddings
    OffThreadSettings offThread = new OffThreadSettings(config.remote() ? 1 : config.batchSize(),
        config.maxInFlight(), config.budget(), config.punctuateInterval());
    return InferenceTopology.build(serdes, stage, new InferenceWorkers(config.workers()), offThread);
  }

  /** The intake stage of a config; the MLLP and REST edges share it with the Streams topology. */
  public static IntakeStage intakeStage(IntakeConfig config, AuditEvents audit) {
    StructuredRules rules;
    try {
      rules = StructuredRules.withOverride(config.structuredRulesFile());
    } catch (RulesException e) {
      // the message names the file, rule index and problem; rule files hold no PHI
      throw new org.phigate.config.ConfigException(e.getMessage());
    }
    IntakeParser parser = new IntakeParser(WorkflowRouter.defaults(), rules);
    return new IntakeStage(parser, config.common().eventCipher(), audit, config.common().tenant(),
        config.maxPayloadBytes());
  }

  static RedactionPolicy policy(String id) {
    return switch (id) {
      case RedactionPolicy.SAFE_HARBOR_ID -> RedactionPolicy.safeHarbor();
      case RedactionPolicy.DATE_SHIFT_ID -> RedactionPolicy.dateShift();
      default -> throw new org.phigate.config.ConfigException("deid.policy '" + id + "' is unknown; use "
          + RedactionPolicy.SAFE_HARBOR_ID + " or " + RedactionPolicy.DATE_SHIFT_ID);
    };
  }
}
