package org.phigate.writeback;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import java.util.Date;
import java.util.Optional;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an approved AI result as a FHIR R4 Task (intent proposal) with HAPI's client. The Task carries the review
 * id as identifier and is sent as a conditional create (If-None-Exist), so a replay never makes a second Task; a
 * search by that identifier reads back what an earlier attempt wrote.
 */
public final class FhirTaskWriter implements EhrWriter {
  private static final Logger LOG = LoggerFactory.getLogger(FhirTaskWriter.class);
  private final IGenericClient client;
  private final String identifierSystem;
  private final String patientSystem;

  public FhirTaskWriter(String baseUrl, int timeoutMs, String identifierSystem, String patientSystem) {
    FhirContext context = FhirContext.forR4Cached();
    context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    context.getRestfulClientFactory().setConnectTimeout(timeoutMs);
    context.getRestfulClientFactory().setSocketTimeout(timeoutMs);
    this.client = context.newRestfulGenericClient(baseUrl);
    this.identifierSystem = identifierSystem;
    this.patientSystem = patientSystem;
  }

  @Override
  public WriteResult write(ApprovedResult approved, String text, String patientKey) {
    ReviewItem item = approved.getItem();
    ReviewDecision decision = approved.getDecision();
    Task task = new Task();
    task.addIdentifier(new Identifier().setSystem(identifierSystem).setValue(item.getReviewId()));
    task.setStatus(Task.TaskStatus.REQUESTED);
    task.setIntent(Task.TaskIntent.PROPOSAL);
    task.setCode(new CodeableConcept().setText(item.getWorkflow() + ": " + item.getLabel()));
    task.setDescription(text);
    task.setFor(new Reference().setIdentifier(new Identifier().setSystem(patientSystem).setValue(patientKey)));
    task.setAuthoredOn(Date.from(decision.getDecidedAt()));
    task.getMeta().addTag("urn:phigate:tags", "ai-generated-human-approved", "AI generated, approved by a clinician");
    task.addNote(new Annotation().setText("AI draft by model " + item.getModelId() + " " + item.getModelVersion()
        + " (confidence " + String.format("%.2f", item.getConfidence()) + "), approved by reviewer "
        + decision.getReviewer() + " (" + decision.getReviewerRole() + ")"));
    return call(item, () -> {
      MethodOutcome outcome = client.create().resource(task)
          .conditionalByUrl(identifierQuery(item.getReviewId()))
          .execute();
      String id = outcome.getId() == null ? null : outcome.getId().getIdPart();
      boolean created = outcome.getResponseStatusCode() == 201 || Boolean.TRUE.equals(outcome.getCreated());
      return new WriteResult("Task", id, created, outcome.getResponseStatusCode());
    });
  }

  @Override
  public Optional<WriteResult> find(ApprovedResult approved) {
    ReviewItem item = approved.getItem();
    return call(item, () -> {
      Bundle found = client.search().byUrl(identifierQuery(item.getReviewId())).returnBundle(Bundle.class)
          .execute();
      return found.getEntry().stream().filter(e -> e.getResource() instanceof Task).findFirst()
          .map(e -> new WriteResult("Task", e.getResource().getIdElement().getIdPart(), false, 200));
    });
  }

  private String identifierQuery(String reviewId) {
    return "Task?identifier=" + identifierSystem + "|" + reviewId;
  }

  /** Runs one HAPI client call, turning what it throws into a PHI-free {@link EhrWriteException}. */
  private static <T> T call(ReviewItem item, Supplier<T> request) {
    try {
      return request.get();
    } catch (FhirClientConnectionException e) {
      if (e.getCause() instanceof DataFormatException) {
        // HAPI reports an unparseable answer as a connection failure; the EHR was reached and would answer the same
        throw clientFailed(item, e);
      }
      throw new EhrWriteException("EHR unreachable", 0, true);
    } catch (BaseServerResponseException e) {
      int status = e.getStatusCode();
      throw new EhrWriteException("EHR answered HTTP " + status, status, status >= 500 || status == 429,
          OperationOutcomeCodes.of(e.getOperationOutcome()));
    } catch (RuntimeException e) {
      // anything else HAPI throws (an unparseable response, a client misconfiguration): its message can quote the
      // response body, so only our code travels on; sending the same record again would fail the same way
      throw clientFailed(item, e);
    }
  }

  /** The log shows the exception's class names only (log4j2.xml); its message may quote the EHR's answer. */
  private static EhrWriteException clientFailed(ReviewItem item, RuntimeException e) {
    LOG.warn("FHIR client failed writing review {} ({})", item.getReviewId(), EhrWriteException.CLIENT_FAILED, e);
    return new EhrWriteException(EhrWriteException.CLIENT_FAILED, 0, false);
  }
}
