package org.phigate.writeback.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

/**
 * The Provenance of an approved item, after HL7 AI Transparency on FHIR (STU1) AI-Provenance: reason AIAST, the model
 * as an AI Device (author), the reviewer as verifier, PHIGate as transmitter, the source message as entity, and the
 * AI draft as the model wrote it when the reviewer edited it.
 */
final class AiProvenance {
  static final String ORIGINAL_DRAFT_ID = "original-draft";

  private AiProvenance() {}

  /**
   * @param targets references to the resources written with it (their bundle fullUrls)
   * @param recorded when PHIGate records the write
   */
  static Provenance of(WriteContext c, List<Reference> targets, Instant recorded) {
    FhirMappings.AiTransparency ai = c.mappings().aiTransparency();
    Provenance provenance = new Provenance();
    // R4 Provenance has no identifier: the review id travels as a tag, so If-None-Exist can find it
    provenance.getMeta().addTag(c.settings().identifierSystem(), c.item().getReviewId(), null);
    targets.forEach(provenance::addTarget);
    provenance.setOccurred(new DateTimeType(c.decidedAt()));
    provenance.setRecorded(Date.from(recorded));
    provenance.addReason(ai.provenanceReason().concept());
    provenance.setActivity(ai.provenanceActivity().concept());
    provenance.addContained(c.model());
    provenance.addAgent().setType(ai.modelAgentType().concept()).setWho(WriteContext.containedModel());
    provenance.addAgent().setType(ai.reviewerAgentType().concept()).setWho(c.reviewer());
    FhirMappings.Transmitter phigate = ai.transmitter();
    provenance.addAgent().setType(ai.transmitterAgentType().concept()).setWho(new Reference().setType("Device")
        .setIdentifier(new Identifier().setSystem(phigate.system()).setValue(phigate.value()))
        .setDisplay(phigate.display()));
    Reference source = c.sourceMessage();
    if (source != null) {
      provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(source);
    }
    String draft = c.request().originalDraft();
    if (draft != null) {
      provenance.addContained(originalDraft(c, draft, ai.originalDraftDescription()));
      provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.REVISION)
          .setWhat(new Reference("#" + ORIGINAL_DRAFT_ID));
    }
    return provenance;
  }

  /** The AI draft before the reviewer's edit, kept as a contained text/plain document. */
  private static DocumentReference originalDraft(WriteContext c, String draft, String description) {
    // no security label here: HAPI drops a contained resource's meta, and the Provenance already says it is AI
    DocumentReference doc = new DocumentReference();
    doc.setId(ORIGINAL_DRAFT_ID);
    doc.setStatus(Enumerations.DocumentReferenceStatus.SUPERSEDED);
    doc.setDescription(description);
    doc.setSubject(c.patient());
    doc.addContent().getAttachment().setContentType("text/plain; charset=utf-8")
        .setData(draft.getBytes(StandardCharsets.UTF_8));
    return doc;
  }
}
