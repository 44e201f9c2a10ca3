package org.phigate.writeback.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.phigate.writeback.EhrWriter.WriteRequest;

/** One approved item on its way into FHIR: the request, the matched chart, and the references every resource uses. */
record WriteContext(WriteRequest request, String patientReference, FhirMappings.Workflow workflow,
                    FhirMappings mappings, FhirWriteSettings settings) {
  static final String MODEL_ID = "model";

  ReviewItem item() {
    return request.approved().getItem();
  }

  ReviewDecision decision() {
    return request.approved().getDecision();
  }

  Date decidedAt() {
    return Date.from(decision().getDecidedAt());
  }

  /** The identifier every resource of this item carries: derived from the review id, so a replay finds it. */
  Identifier reviewIdentifier() {
    return new Identifier().setSystem(settings.identifierSystem()).setValue(item().getReviewId());
  }

  /** The chart the patient search matched. */
  Reference patient() {
    return new Reference(patientReference);
  }

  /** The reviewer as a Practitioner known to the EHR by the reviewer's user id. */
  Reference reviewer() {
    return new Reference().setType("Practitioner")
        .setIdentifier(new Identifier().setSystem(settings.reviewerSystem()).setValue(decision().getReviewer()));
  }

  /** The message the item answers, by its id, or null when write-back does not know it. */
  Reference sourceMessage() {
    String id = request.sourceMessageId();
    if (id == null) {
      return null;
    }
    return new Reference().setType(workflow.sourceMessageType())
        .setIdentifier(new Identifier().setSystem(settings.sourceMessageSystem()).setValue(id));
  }

  /** A workflow's owner pool (a CareTeam, say) by its configured identifier. */
  Reference ownerPool() {
    return new Reference().setType(workflow.ownerPoolType()).setIdentifier(new Identifier()
        .setSystem(settings.ownerSystem()).setValue(settings.ownerPool(workflow.ownerPool())));
  }

  /** Labels a resource as asserted by AI (AI Transparency on FHIR: meta.security AIAST). */
  <T extends DomainResource> T aiAsserted(T resource) {
    resource.getMeta().addSecurity(mappings.aiTransparency().securityLabel().coding());
    return resource;
  }

  /** The model as an AI Device (id and version), to be contained in the resource that references it. */
  Device model() {
    FhirMappings.AiTransparency ai = mappings.aiTransparency();
    Device device = new Device();
    device.setId(MODEL_ID);
    device.addIdentifier().setSystem(ai.modelIdentifierSystem()).setValue(item().getModelId());
    device.setType(ai.deviceType().concept());
    device.addDeviceName().setName(item().getModelId()).setType(Device.DeviceNameType.MODELNAME);
    device.addVersion().setValue(item().getModelVersion());
    return device;
  }

  /** A reference to the resource's contained model Device. */
  static Reference containedModel() {
    return new Reference("#" + MODEL_ID);
  }
}
