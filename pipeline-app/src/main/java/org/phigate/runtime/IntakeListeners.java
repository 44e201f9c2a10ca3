package org.phigate.runtime;

import java.time.Clock;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.IntakeConfig;
import org.phigate.intake.Hl7VersionRange;
import org.phigate.intake.IntakeGateway;
import org.phigate.intake.IntakeStage;
import org.phigate.intake.mllp.Hl7Ack;
import org.phigate.intake.mllp.MllpIntakeHandler;
import org.phigate.intake.mllp.MllpServer;
import org.phigate.intake.rest.FhirIntakeServer;

/** The intake role's network edges (MLLP listener, FHIR REST endpoint), each started when its port is set. */
public final class IntakeListeners implements AutoCloseable {
  private final IntakeGateway gateway;
  private final MllpServer mllp;
  private final FhirIntakeServer rest;

  private IntakeListeners(IntakeGateway gateway, MllpServer mllp, FhirIntakeServer rest) {
    this.gateway = gateway;
    this.mllp = mllp;
    this.rest = rest;
  }

  /** True when the config asks for at least one edge. */
  public static boolean wanted(IntakeConfig config) {
    return config.get(IntakeConfig.MLLP_PORT) > 0 || config.get(IntakeConfig.REST_PORT) > 0;
  }

  /** Starts the configured edges over a new gateway (its own producer). */
  public static IntakeListeners start(IntakeConfig config, TopicSerdes serdes, IntakeStage stage, Clock clock) {
    IntakeGateway gateway = IntakeGateway.create(config, serdes, stage, clock);
    return start(config, gateway, clock, config.get(IntakeConfig.MLLP_PORT), config.get(IntakeConfig.REST_PORT));
  }

  /** Starts the edges on the given ports (negative = off, 0 = a free port) over an existing gateway. */
  public static IntakeListeners start(IntakeConfig config, IntakeGateway gateway, Clock clock, int mllpPort,
                                      int restPort) {
    MllpServer mllp = null;
    FhirIntakeServer rest = null;
    try {
      if (mllpPort >= 0) {
        String keystore = config.get(IntakeConfig.MLLP_TLS_KEYSTORE);
        int maxFrame = config.maxFrameBytes();
        mllp = MllpServer.start(new MllpServer.Settings(config.get(IntakeConfig.MLLP_BIND), mllpPort, maxFrame,
                config.get(IntakeConfig.MLLP_IDLE_TIMEOUT), config.get(IntakeConfig.MLLP_MAX_CONNECTIONS),
                keystore.isBlank() ? null : keystore, config.get(IntakeConfig.MLLP_TLS_PASSWORD).toCharArray(),
                config.maxInflightBytes(), config.ackTimeout().toMillis(),
                config.get(IntakeConfig.MLLP_FIRST_FRAME_TIMEOUT), config.get(IntakeConfig.MLLP_MAX_PER_CLIENT)),
            new MllpIntakeHandler(gateway, new Hl7Ack(clock), config.get(IntakeConfig.MLLP_VALIDATE), maxFrame,
                Hl7VersionRange.parse(config.hl7Versions())));
      }
      if (restPort >= 0) {
        rest = FhirIntakeServer.start(config.get(IntakeConfig.REST_BIND), restPort,
            config.get(IntakeConfig.REST_BASE_PATH), gateway, config.maxPayloadBytes(),
            config.get(IntakeConfig.REST_REQUEST_TIMEOUT), config.restTls());
      }
    } catch (RuntimeException e) {
      new IntakeListeners(gateway, mllp, rest).close();
      throw e;
    }
    return new IntakeListeners(gateway, mllp, rest);
  }

  /** The audit source of the edges of a config. */
  public static AuditEvents audit(IntakeConfig config, Clock clock) {
    return new AuditEvents("intake", "service:" + config.applicationId(),
        config.common().instanceId() + "/intake-edge", config.common().instanceAddress(), clock);
  }

  public MllpServer mllp() {
    return mllp;
  }

  public FhirIntakeServer rest() {
    return rest;
  }

  public IntakeGateway gateway() {
    return gateway;
  }

  @Override
  public void close() {
    if (mllp != null) {
      mllp.close();
    }
    if (rest != null) {
      rest.close();
    }
    gateway.close();
  }
}
