package org.phigate.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.embedded.FhirEhr;
import org.phigate.embedded.FreePorts;
import org.phigate.embedded.JpaFhirServerProcess;

/**
 * The demo's EHR: the HAPI FHIR JPA server process (its H2 database in the demo's directory), launched first so it
 * starts while the broker and the roles do, or the in-process stand-in with {@code --ehr memory}.
 */
final class DemoEhr implements AutoCloseable {
  /** The resource types the summary counts: what write-back creates. */
  static final List<String> COUNTED = List.of("Task", "Communication", "DocumentReference", "Provenance");

  private final FhirEhr ehr;
  private final JpaFhirServerProcess jpa;

  private DemoEhr(FhirEhr ehr, JpaFhirServerProcess jpa) {
    this.ehr = ehr;
    this.jpa = jpa;
  }

  static DemoEhr launch(boolean inMemory, Path dir, Duration timeout) {
    if (inMemory) {
      return new DemoEhr(EmbeddedFhirServer.start(), null);
    }
    JpaFhirServerProcess jpa = JpaFhirServerProcess.begin(dir, FreePorts.find(), timeout);
    return new DemoEhr(jpa, jpa);
  }

  /** The EHR itself (for registering charts once it is ready). */
  FhirEhr fhir() {
    return ehr;
  }

  String baseUrl() {
    return ehr.baseUrl();
  }

  String kind() {
    return jpa == null ? "in-process stand-in" : "HAPI FHIR JPA server, H2 on disk, log " + jpa.logFile();
  }

  /** Waits until the EHR answers; the JPA server's failure says where its log is. */
  void awaitReady() {
    if (jpa != null) {
      try {
        jpa.awaitReady();
      } catch (IllegalStateException e) {
        throw new IllegalStateException(e.getMessage() + " (--keep-dir keeps it); `phigate demo --ehr memory` uses "
            + "the in-process stand-in instead", e);
      }
    }
  }

  /**
   * Resources in the EHR by type, each counted by FHIR search ({@code _summary=count}); empty when the EHR is not
   * up (a signal stopped the demo while the JPA server was still starting) or does not answer.
   */
  Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    if (jpa != null && !jpa.isReady()) {
      return counts;
    }
    try {
      COUNTED.forEach(type -> counts.put(type, ehr.resourceCount(type)));
    } catch (RuntimeException e) {
      counts.clear();
    }
    return counts;
  }

  @Override
  public void close() {
    ehr.close();
  }
}
