package org.phigate.demo;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.phigate.embedded.FhirEhr;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.ParseResult;

/**
 * Registers a chart (a Patient with the MRN) in the EHR for every patient the demo's inputs name, as a
 * hospital's EHR already holds them: write-back matches the patient by MRN and writes nothing to an unknown chart.
 */
public final class DemoCharts {
  private DemoCharts() {}

  /** Adds one Patient per distinct patient key (MRN) of the inputs; returns how many. */
  public static int register(FhirEhr ehr, String mrnSystem, List<SampleInput> inputs) {
    IntakeParser parser = new IntakeParser();
    Set<String> keys = new LinkedHashSet<>();
    for (SampleInput input : inputs) {
      if (parser.parse(input.payload(), input.contentType()) instanceof ParseResult.Parsed parsed) {
        String key = parsed.message().phi().getPatientKey();
        // a message without any patient id gets an "unknown:" key: there is no chart to match it to
        if (key != null && !key.startsWith("unknown:")) {
          keys.add(key);
        }
      }
    }
    keys.forEach(key -> ehr.addPatient(mrnSystem, key));
    return keys.size();
  }
}
