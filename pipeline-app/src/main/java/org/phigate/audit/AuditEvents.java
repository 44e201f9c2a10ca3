package org.phigate.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditAgent;
import org.phigate.schema.AuditEntity;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.AuditOutcome;
import org.phigate.schema.AuditSource;

/**
 * Builds BALP-shaped {@link AuditEvent}s for one role. Callers pass ids, tokens and codes only: the builder has no
 * place for names or free text, which keeps PHI out of the trail by construction.
 */
public final class AuditEvents {
  /** DICOM "Patient Record" event type: the step created, read or changed a patient's data. */
  public static final String TYPE_PATIENT_RECORD = "110110";
  /** BALP RESTful interaction type (EHR writes). */
  public static final String TYPE_REST = "rest";
  /** security-source-type 4: application server process. */
  private static final String SOURCE_TYPE_APP_SERVER = "4";

  private final String role;
  private final String principal;
  private final String observer;
  private final String network;
  private final Clock clock;

  public AuditEvents(String role, String principal, String observer, Clock clock) {
    this(role, principal, observer, null, clock);
  }

  /** @param network the service agent's network address (AuditEvent.agent.network), or null when unknown */
  public AuditEvents(String role, String principal, String observer, String network, Clock clock) {
    this.role = role;
    this.principal = principal;
    this.observer = observer;
    this.network = network;
    this.clock = clock;
  }

  public Builder event(String subtype, AuditAction action, String subjectEventId) {
    return new Builder(subtype, action, subjectEventId);
  }

  /**
   * A person reading PHI through this service (BALP read pattern): the user is the requestor agent, the service
   * the other agent. Call it, and publish the event, before the PHI is shown: a reviewer opening an item, `dlq show`
   * revealing a sealed original, a vault lookup by a person. {@code what} is a reference, never the data.
   */
  public Builder humanRead(String subtype, String userId, String userRole, String subjectEventId, String what,
                           String entityType) {
    return new Builder(subtype, AuditAction.R, subjectEventId).agent(userId, userRole, true)
        .entity(what, entityType, "4");
  }

  /** Fluent builder for one audit event. */
  public final class Builder {
    private final String subtype;
    private final AuditAction action;
    private final String subjectEventId;
    private String type = TYPE_PATIENT_RECORD;
    private AuditOutcome outcome = AuditOutcome.SUCCESS;
    private String outcomeDesc;
    private String purposeOfUse = "TREAT";
    private String patientToken;
    private final List<AuditAgent> agents = new ArrayList<>();
    private final List<AuditEntity> entities = new ArrayList<>();
    private final Map<String, String> details = new LinkedHashMap<>();

    private Builder(String subtype, AuditAction action, String subjectEventId) {
      this.subtype = subtype;
      this.action = action;
      this.subjectEventId = subjectEventId;
      agents.add(new AuditAgent(principal, role, true, network));
    }

    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** A failure outcome with a PHI-free reason code. */
    public Builder outcome(AuditOutcome outcome, String reasonCode) {
      this.outcome = outcome;
      this.outcomeDesc = reasonCode;
      return this;
    }

    public Builder purpose(String purposeOfUse) {
      this.purposeOfUse = purposeOfUse;
      return this;
    }

    public Builder patientToken(String token) {
      this.patientToken = token;
      return this;
    }

    /** An additional agent such as the human reviewer (user id, never a display name). */
    public Builder agent(String who, String agentRole, boolean requestor) {
      agents.add(new AuditAgent(who, agentRole, requestor, null));
      return this;
    }

    public Builder entity(String what, String entityType, String entityRole) {
      entities.add(new AuditEntity(what, entityType, entityRole, null));
      return this;
    }

    public Builder detail(String key, Object value) {
      if (value != null) {
        details.put(key, String.valueOf(value));
      }
      return this;
    }

    public AuditEvent build() {
      if (agents.size() > 1 && agents.stream().skip(1).anyMatch(AuditAgent::getRequestor)) {
        // a person asked for this step: BALP names exactly that person as requestor, not the service
        AuditAgent service = agents.get(0);
        agents.set(0, new AuditAgent(service.getWho(), service.getRole(), false, service.getNetwork()));
      }
      AuditEvent event = AuditEvent.newBuilder()
          .setAuditId(UUID.randomUUID().toString())
          .setType(type)
          .setSubtype(subtype)
          .setAction(action)
          .setRecorded(clock.instant())
          .setOutcome(outcome)
          .setOutcomeDesc(outcomeDesc)
          .setPurposeOfUse(purposeOfUse)
          .setAgents(List.copyOf(agents))
          .setSource(new AuditSource(observer, null, SOURCE_TYPE_APP_SERVER))
          .setEntities(List.copyOf(entities))
          .setSubjectEventId(subjectEventId)
          .setPatientToken(patientToken)
          .setDetails(Map.copyOf(details))
          .build();
      StageMetrics.record(role, event);
      return event;
    }
  }
}
