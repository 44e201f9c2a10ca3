package org.phigate.writeback.fhir;

import ca.uhn.fhir.rest.api.SearchStyleEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.phigate.writeback.EhrWriteException;

/**
 * Finds the one chart an item belongs to by the patient's MRN before anything is written. The search is a POST
 * ({@code Patient/_search}), so the MRN travels in the body and never in a URL or an access log.
 */
public final class PatientMatcher {
  private final IGenericClient client;
  private final String mrnSystem;

  public PatientMatcher(IGenericClient client, String mrnSystem) {
    this.client = client;
    this.mrnSystem = mrnSystem;
  }

  /**
   * @return the matched chart as a relative reference, e.g. {@code Patient/123}
   * @throws EhrWriteException (not retryable) {@link EhrWriteException#PATIENT_NOT_FOUND} when no patient carries the
   *                           MRN, {@link EhrWriteException#PATIENT_AMBIGUOUS} when more than one does
   */
  public String match(String mrn) {
    Bundle found = client.search().forResource(Patient.class)
        .where(Patient.IDENTIFIER.exactly().systemAndCode(mrnSystem, mrn))
        .usingStyle(SearchStyleEnum.POST)
        .count(2)
        .returnBundle(Bundle.class)
        .execute();
    long patients = found.getEntry().stream().filter(e -> e.getResource() instanceof Patient).count();
    if (patients == 0) {
      throw EhrWriteException.permanent(EhrWriteException.PATIENT_NOT_FOUND);
    }
    if (patients > 1 || found.getTotal() > 1 || found.getLink(Bundle.LINK_NEXT) != null) {
      throw EhrWriteException.permanent(EhrWriteException.PATIENT_AMBIGUOUS);
    }
    Patient patient = (Patient) found.getEntry().stream().filter(e -> e.getResource() instanceof Patient)
        .findFirst().orElseThrow().getResource();
    return "Patient/" + patient.getIdElement().getIdPart();
  }
}
