package org.phigate.inference;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.phigate.schema.DeidField;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.SourceFormat;
import org.phigate.schema.TextPart;

/** Test fixtures: synthetic de-identified events (tokens only, no PHI). */
final class Events {

  private Events() {}

  static DeidentifiedEvent portalMessage(String... texts) {
    return DeidentifiedEvent.newBuilder()
        .setEventId("evt-0001")
        .setTenant("tenant-a")
        .setSourceFormat(SourceFormat.FHIR_R4)
        .setMessageType("Communication")
        .setWorkflow("message-triage")
        .setReceivedAt(Instant.parse("2026-01-02T03:04:05Z"))
        .setPatientToken("[NAME-77aa88bb]")
        .setPolicyId("policy-message-triage-v1")
        .setFields(List.of(
            new DeidField("Patient.name", PhiCategory.NAME, "patient", "[NAME-77aa88bb]"),
            new DeidField("Patient.identifier[0].value", PhiCategory.MRN, "patient", "[MRN-0c0d0e0f]"),
            new DeidField("Patient.birthDate", PhiCategory.DATE, "patient", "1957")))
        .setTextParts(java.util.Arrays.stream(texts)
            .map(t -> new TextPart("Communication.payload[0].contentString", t)).toList())
        .setPhiCategoryCounts(Map.of("NAME", 2, "MRN", 1, "DATE", 1))
        .build();
  }
}
