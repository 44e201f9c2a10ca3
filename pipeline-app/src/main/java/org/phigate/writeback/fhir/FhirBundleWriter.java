package org.phigate.writeback.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.phigate.schema.ApprovedResult;
import org.phigate.security.tls.TlsSettings;
import org.phigate.writeback.EhrWriteException;
import org.phigate.writeback.EhrWriter;
import org.phigate.writeback.OperationOutcomeCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an approved item as one FHIR transaction Bundle (the workflow's resources plus their AI Provenance) to the
 * chart its patient search matched. Every entry is a conditional create on the review id, so sending the same item
 * again creates nothing new; the Bundle is all-or-nothing, so {@link #find} reads back its main resource (Task or
 * DocumentReference) by that identifier. Called from write-back worker threads; HAPI's client is thread-safe.
 */
public final class FhirBundleWriter implements EhrWriter {
  private static final Logger LOG = LoggerFactory.getLogger(FhirBundleWriter.class);
  private final IGenericClient client;
  private final PatientMatcher patients;
  private final WritebackBundleBuilder bundles;
  private final FhirMappings mappings;
  private final String identifierSystem;

  public FhirBundleWriter(IGenericClient client, FhirWriteSettings settings, FhirMappings mappings, Clock clock) {
    this.client = client;
    this.mappings = mappings;
    this.identifierSystem = settings.identifierSystem();
    this.patients = new PatientMatcher(client, settings.patientSystem());
    this.bundles = new WritebackBundleBuilder(mappings, settings, clock);
  }

  /** A writer for the EHR at baseUrl, with the shipped mappings. */
  public static FhirBundleWriter create(String baseUrl, int timeoutMs, FhirWriteSettings settings, Clock clock) {
    return create(baseUrl, timeoutMs, TlsSettings.none(), "", settings, clock);
  }

  /** A writer for the EHR at baseUrl over verified TLS (see {@link FhirClients}), with an optional bearer token. */
  public static FhirBundleWriter create(String baseUrl, int timeoutMs, TlsSettings tls, String bearerToken,
                                        FhirWriteSettings settings, Clock clock) {
    return new FhirBundleWriter(FhirClients.create(baseUrl, timeoutMs, tls, bearerToken), settings,
        FhirMappings.load(), clock);
  }

  @Override
  public WriteResult write(WriteRequest request) {
    String reviewId = request.approved().getItem().getReviewId();
    return call(reviewId, () -> {
      String patient = patients.match(request.patientKey());
      Bundle response = client.transaction().withBundle(bundles.build(request, patient)).execute();
      return result(response);
    });
  }

  @Override
  public Optional<WriteResult> find(ApprovedResult approved) {
    String reviewId = approved.getItem().getReviewId();
    FhirMappings.Workflow workflow = mappings.workflow(approved.getItem().getWorkflow());
    if (workflow == null) {
      return Optional.empty(); // nothing of this workflow is ever written: the write refuses it
    }
    String type = mainType(workflow.kind());
    // the review id is no PHI, so this search may be a GET
    return call(reviewId, () -> {
      Bundle found = client.search().byUrl(type + "?identifier="
          + WritebackBundleBuilder.token(identifierSystem, reviewId)).returnBundle(Bundle.class).execute();
      return found.getEntry().stream().filter(e -> e.getResource() != null
              && type.equals(e.getResource().fhirType())).findFirst()
          .map(e -> new WriteResult(type, e.getResource().getIdElement().getIdPart(), false, 200));
    });
  }

  /** The resource a workflow's Bundle is known by: its first entry. */
  static String mainType(FhirMappings.Kind kind) {
    return kind == FhirMappings.Kind.NOTE_SUMMARY ? "DocumentReference" : "Task";
  }

  /** Runs one HAPI client call, turning what it throws into a PHI-free {@link EhrWriteException}. */
  private static <T> T call(String reviewId, Supplier<T> request) {
    try {
      return request.get();
    } catch (EhrWriteException e) {
      throw e;
    } catch (FhirClientConnectionException e) {
      if (e.getCause() instanceof DataFormatException) {
        // HAPI reports an unparseable answer as a connection failure; the EHR was reached and would answer the same
        throw clientFailed(reviewId, e);
      }
      throw new EhrWriteException("EHR unreachable", 0, true);
    } catch (BaseServerResponseException e) {
      // the exception's message quotes the EHR's OperationOutcome, which may echo what was sent: status and codes
      int status = e.getStatusCode();
      throw new EhrWriteException("EHR answered HTTP " + status, status, retryable(status),
          OperationOutcomeCodes.of(e.getOperationOutcome()));
    } catch (RuntimeException e) {
      throw clientFailed(reviewId, e);
    }
  }

  /** 5xx, 429 (busy), 408 and 409/412 (a concurrent write to the same resources) can succeed when sent again. */
  static boolean retryable(int status) {
    return status >= 500 || status == 429 || status == 408 || status == 409 || status == 412;
  }

  /** The main resource is the first entry (Task or DocumentReference); created when the EHR answered 201 for it. */
  private static WriteResult result(Bundle response) {
    List<String> resources = new ArrayList<>();
    String mainType = null;
    String mainId = null;
    boolean created = false;
    for (Bundle.BundleEntryComponent entry : response.getEntry()) {
      Bundle.BundleEntryResponseComponent answer = entry.getResponse();
      if (!answer.hasLocation()) {
        continue;
      }
      IdType id = new IdType(answer.getLocation());
      resources.add(id.getResourceType() + "/" + id.getIdPart());
      if (mainType == null) {
        mainType = id.getResourceType();
        mainId = id.getIdPart();
        created = answer.getStatus() != null && answer.getStatus().startsWith("201");
      }
    }
    if (mainType == null) {
      throw EhrWriteException.permanent(EhrWriteException.CLIENT_FAILED);
    }
    return new WriteResult(mainType, mainId, created, created ? 201 : 200, resources);
  }

  /** The log shows the exception's class names only (log4j2.xml); its message may quote the EHR's answer. */
  private static EhrWriteException clientFailed(String reviewId, RuntimeException e) {
    LOG.warn("FHIR client failed writing review {} ({})", reviewId, EhrWriteException.CLIENT_FAILED, e);
    return EhrWriteException.permanent(EhrWriteException.CLIENT_FAILED);
  }
}
