package org.phigate.embedded;

/** An EHR the demo and the tests write to over FHIR R4 REST: the in-memory stand-in or the JPA server process. */
public interface FhirEhr extends AutoCloseable {

  /** Base URL of the FHIR API, e.g. {@code http://127.0.0.1:PORT/fhir}. */
  String baseUrl();

  /** Number of stored resources of type (e.g. {@code "Task"}). */
  long resourceCount(String type);

  /** Adds a Patient carrying the MRN (system|value), as a chart write-back can match; returns its reference. */
  String addPatient(String mrnSystem, String mrn);

  /** Stops the EHR. */
  @Override
  void close();
}
