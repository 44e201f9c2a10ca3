package org.phigate.writeback.fhir;

import java.util.Map;

/**
 * The site-specific parts of what write-back writes (from the writeback role's config).
 *
 * @param identifierSystem    system of the identifiers derived from the review id (conditional create on them)
 * @param patientSystem       system of the patient's MRN, searched before every write
 * @param reviewerSystem      system of the reviewer's user id (Practitioner.identifier in the EHR)
 * @param sourceMessageSystem system of the source message's id (MSH-10 or the FHIR id the sender gave)
 * @param ownerSystem         system of the owner pools' identifiers
 * @param ownerPools          owner pool identifier by the pool names of fhir-mappings.json (triage, follow-up)
 */
public record FhirWriteSettings(String identifierSystem, String patientSystem, String reviewerSystem,
                                String sourceMessageSystem, String ownerSystem, Map<String, String> ownerPools) {
  public FhirWriteSettings {
    ownerPools = Map.copyOf(ownerPools);
  }

  /** The owner pool identifier for a pool name; an unknown name is a bug in the mapping file, not in the data. */
  public String ownerPool(String name) {
    String pool = ownerPools.get(name);
    if (pool == null) {
      throw new IllegalStateException("no owner pool configured for " + name);
    }
    return pool;
  }
}
