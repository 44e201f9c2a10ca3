package org.phigate.it.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.SourceFormat;
import org.phigate.schema.TextPart;

/** De-identified portal-message events for inference tests. */
public final class PortalEvents {
  static {
    org.phigate.catalog.AvroTrust.install();
  }

  private PortalEvents() {}

  /** A de-identified FHIR Communication of {@code workflow} holding {@code text}. */
  public static DeidentifiedEvent event(String id, String workflow, String text) {
    return DeidentifiedEvent.newBuilder().setEventId(id).setTenant("t").setSourceFormat(SourceFormat.FHIR_R4)
        .setMessageType("Communication").setWorkflow(workflow).setReceivedAt(Instant.parse("2026-11-25T12:00:00Z"))
        .setPatientToken("PT-0102030405").setPolicyId("safe-harbor-v1")
        .setTextParts(List.of(new TextPart("Communication.payload[0].contentString", text)))
        .setPhiCategoryCounts(Map.of("NAME", 1)).build();
  }
}
