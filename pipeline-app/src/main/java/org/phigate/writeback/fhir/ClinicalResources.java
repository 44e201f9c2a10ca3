package org.phigate.writeback.fhir;

import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;

/** The clinical resources of an approved item: a Task, the approved reply as a Communication, a note summary. */
final class ClinicalResources {
  private ClinicalResources() {}

  /** A Task for the workflow's owner pool: priority from urgency, reason from the AI category, focus the message. */
  static Task task(WriteContext c, String description) {
    Task task = c.aiAsserted(new Task());
    task.addIdentifier(c.reviewIdentifier());
    task.setStatus(Task.TaskStatus.REQUESTED);
    task.setIntent(Task.TaskIntent.ORDER);
    task.setPriority(Task.TaskPriority.fromCode(c.mappings().taskPriority().of(c.item().getUrgency())));
    task.setCode(c.workflow().taskCode().concept());
    task.setDescription(description);
    task.setFocus(c.sourceMessage());
    task.setFor(c.patient());
    task.setAuthoredOn(c.decidedAt());
    task.setLastModified(c.decidedAt());
    task.setRequester(c.reviewer());
    task.setOwner(c.ownerPool());
    task.setReasonCode(c.mappings().category(c.workflow(), c.item().getCategory()));
    FhirMappings.TaskNotes notes = c.mappings().taskNotes();
    if (!c.item().getRedFlags().isEmpty()) {
      task.addNote().setText(notes.redFlags() + String.join(", ", c.item().getRedFlags()));
    }
    if (c.item().getEscalate()) {
      task.addNote().setText(notes.escalate());
    }
    return task;
  }

  /** The approved reply to the patient's message, sent by the reviewer. */
  static Communication reply(WriteContext c) {
    Communication reply = c.aiAsserted(new Communication());
    reply.addIdentifier(c.reviewIdentifier());
    reply.setStatus(Communication.CommunicationStatus.COMPLETED);
    if (c.sourceMessage() != null) {
      reply.addInResponseTo(c.sourceMessage());
    }
    reply.setSubject(c.patient());
    reply.addRecipient(c.patient());
    reply.setSender(c.reviewer());
    reply.setSent(c.decidedAt());
    reply.addPayload().setContent(new StringType(c.request().text()));
    return reply;
  }

  /** The approved note summary as a final text/plain document, authored by the model, authenticated by the reviewer. */
  static DocumentReference summary(WriteContext c) {
    DocumentReference doc = c.aiAsserted(new DocumentReference());
    doc.addIdentifier(c.reviewIdentifier());
    doc.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
    doc.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL);
    doc.setType(c.workflow().documentType().concept());
    doc.setSubject(c.patient());
    doc.setDate(c.decidedAt());
    doc.addContained(c.model());
    doc.addAuthor(WriteContext.containedModel());
    doc.setAuthenticator(c.reviewer());
    if (c.sourceMessage() != null) {
      doc.addRelatesTo().setCode(DocumentReference.DocumentRelationshipType.TRANSFORMS).setTarget(c.sourceMessage());
    }
    doc.addContent().getAttachment().setContentType("text/plain; charset=utf-8")
        .setData(c.request().text().getBytes(StandardCharsets.UTF_8))
        .setTitle(c.workflow().attachmentTitle()).setCreation(c.decidedAt());
    return doc;
  }
}
