package org.phigate.audit.auditor;

import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import java.util.List;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.phigate.schema.AuditAgent;
import org.phigate.schema.AuditEntity;
import org.phigate.schema.AuditEvent;

/**
 * Maps audit records onto FHIR R4 AuditEvent resources shaped by IHE BALP: type and subtype, action, recorded,
 * outcome, purposeOfEvent, agents (who by identifier, requestor flag, type application or human user), source
 * observer with security-source-type, and entities: the patient (by pseudonymous token, role Patient), the clinical
 * event with PHIGate's details, and every referenced object.
 */
public final class FhirExport {
  static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
  static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
  static final String SUBTYPE = "urn:phigate:audit-subtype";
  static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
  static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
  static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
  static final String PURPOSE = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
  static final String ROLE_TYPE = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";
  static final String TOKEN_SYSTEM = "urn:phigate:patient-token";
  static final String PRINCIPAL_SYSTEM = "urn:phigate:principal";
  static final String EVENT_SYSTEM = "urn:phigate:event-id";

  private FhirExport() {}

  public static Bundle bundle(List<AuditEvent> records) {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION).setTimestamp(new Date());
    for (AuditEvent e : records) {
      bundle.addEntry().setFullUrl("urn:uuid:" + e.getAuditId()).setResource(resource(e));
    }
    return bundle;
  }

  public static String json(List<AuditEvent> records) {
    return FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle(records));
  }

  public static org.hl7.fhir.r4.model.AuditEvent resource(AuditEvent e) {
    org.hl7.fhir.r4.model.AuditEvent r = new org.hl7.fhir.r4.model.AuditEvent();
    r.setId(e.getAuditId());
    boolean rest = "rest".equals(e.getType());
    r.setType(rest ? new Coding(EVENT_TYPE, "rest", "Restful Operation")
        : new Coding(DCM, e.getType(), "110110".equals(e.getType()) ? "Patient Record" : null));
    r.addSubtype(new Coding(SUBTYPE, e.getSubtype(), null));
    if (rest && e.getAction().name().equals("C")) {
      r.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", "create", "create"));
    }
    r.setAction(AuditEventAction.fromCode(e.getAction().name()));
    r.setRecorded(Date.from(e.getRecorded()));
    r.setOutcome(switch (e.getOutcome()) {
      case SUCCESS -> AuditEventOutcome._0;
      case MINOR_FAILURE -> AuditEventOutcome._4;
      case SERIOUS_FAILURE -> AuditEventOutcome._8;
      case MAJOR_FAILURE -> AuditEventOutcome._12;
    });
    r.setOutcomeDesc(e.getOutcomeDesc());
    r.addPurposeOfEvent(new CodeableConcept(new Coding(PURPOSE, e.getPurposeOfUse(), null)));
    for (int i = 0; i < e.getAgents().size(); i++) {
      AuditAgent a = e.getAgents().get(i);
      AuditEventAgentComponent agent = r.addAgent();
      boolean human = i > 0; // the first agent is the role's service principal, further ones are people
      agent.setType(new CodeableConcept(human ? new Coding(ROLE_TYPE, "humanuser", "human user")
          : new Coding(DCM, "110150", "Application")));
      agent.addRole(new CodeableConcept().setText(a.getRole()));
      agent.setWho(new Reference().setIdentifier(new Identifier().setSystem(PRINCIPAL_SYSTEM).setValue(a.getWho())));
      agent.setRequestor(a.getRequestor());
      if (a.getNetwork() != null) {
        agent.getNetwork().setAddress(a.getNetwork()).setType(AuditEventAgentNetworkType._2);
      }
    }
    r.getSource().setObserver(new Reference().setIdentifier(new Identifier().setValue(e.getSource().getObserver()))
        .setDisplay(e.getSource().getObserver()));
    r.getSource().setSite(e.getSource().getSite());
    r.getSource().addType(new Coding(SOURCE_TYPE, e.getSource().getType(), null));
    if (e.getPatientToken() != null) {
      r.addEntity().setWhat(new Reference().setIdentifier(new Identifier().setSystem(TOKEN_SYSTEM)
              .setValue(e.getPatientToken())))
          .setType(new Coding(ENTITY_TYPE, "1", "Person")).setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
    }
    AuditEventEntityComponent subject = r.addEntity()
        .setWhat(new Reference().setIdentifier(new Identifier().setSystem(EVENT_SYSTEM)
            .setValue(e.getSubjectEventId())))
        .setType(new Coding(ENTITY_TYPE, "2", "System Object")).setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"))
        .setDescription("clinical event");
    new TreeMap<>(e.getDetails()).forEach((k, v) -> subject.addDetail().setType(k)
        .setValue(new org.hl7.fhir.r4.model.StringType(v)));
    for (AuditEntity en : e.getEntities()) {
      Reference what = en.getWhat().matches("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}")
          ? new Reference(en.getWhat()) : new Reference().setIdentifier(new Identifier().setValue(en.getWhat()));
      AuditEventEntityComponent entity = r.addEntity().setWhat(what)
          .setType(new Coding(ENTITY_TYPE, "2", "System Object").setDisplay(en.getType()))
          .setRole(new Coding(OBJECT_ROLE, en.getRole(), null));
      if (en.getQueryHash() != null) {
        entity.setQuery(en.getQueryHash().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return r;
  }
}
