package org.phigate.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phigate.config.WritebackConfig;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.FhirEhr;
import org.phigate.embedded.FreePorts;
import org.phigate.embedded.JpaFhirServerProcess;

/** The bench's EHR: started, given a chart per generated patient, and counted at the end. */
final class BenchEhr {
  /** The resource types write-back creates, counted in the EHR at the end. */
  static final List<String> EHR_TYPES = List.of("Task", "Communication", "DocumentReference", "Provenance");

  private BenchEhr() {}

  /** The in-process stand-in, or the HAPI FHIR JPA server launched first so it boots while the broker starts. */
  static FhirEhr start(boolean jpaEhr, Path work) {
    if (!jpaEhr) {
      return EmbeddedFhirServer.start();
    }
    // a cold start took 5-10 min on this 2-core machine at load average 40
    return JpaFhirServerProcess.begin(work.resolve("ehr"), FreePorts.find(), Duration.ofMinutes(20));
  }

  /**
   * A chart (Patient with the MRN) for every generated patient the messages draw from, as a hospital's EHR already
   * holds them: write-back matches the patient by MRN and writes nothing to an unknown chart.
   */
  static int registerCharts(FhirEhr ehr, int patients) {
    for (int p = 0; p < patients; p++) {
      ehr.addPatient(WritebackConfig.PATIENT_SYSTEM.defaultValue(), MessageMix.mrn(p));
    }
    return patients;
  }

  /** How many resources of each type write-back creates the EHR holds. */
  static Map<String, Long> resourceCounts(FhirEhr ehr) {
    Map<String, Long> resources = new LinkedHashMap<>();
    EHR_TYPES.forEach(type -> resources.put(type, ehr.resourceCount(type)));
    return resources;
  }
}
