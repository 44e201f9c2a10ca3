package org.phigate.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.phigate.demo.SampleInput;

/**
 * Sample patient-portal messages ({@code portal/portal-messages.jsonl}, written for these tests) as FHIR R4
 * Communication resources that carry PHI (a patient name in the subject and text, a phone number) for intake and
 * de-identification to remove.
 */
public final class PortalMessages {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String PHONE = "617-555-0143";

  private PortalMessages() {}

  /** One message: its id and text with the given patient name and {@link #PHONE} filled in. */
  public record Message(String id, String text) {}

  public static List<Message> load(String patientName) {
    List<Message> out = new ArrayList<>();
    try (InputStream in = PortalMessages.class.getClassLoader().getResourceAsStream("portal/portal-messages.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          JsonNode node = JSON.readTree(line);
          out.add(new Message(node.get("id").asText(),
              node.get("text").asText().replace("{name}", patientName).replace("{phone}", PHONE)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The message as a FHIR Communication from the patient, published under {@code sourceId}. */
  public static SampleInput communication(String sourceId, String patientName, String text) {
    ObjectNode c = JSON.createObjectNode();
    c.put("resourceType", "Communication");
    c.put("id", sourceId);
    c.put("status", "completed");
    c.putObject("subject").put("reference", "Patient/p-" + sourceId).put("display", patientName);
    c.putArray("sender").addObject().put("reference", "Patient/p-" + sourceId).put("display", patientName);
    c.put("sent", "2026-11-30T22:14:00Z");
    c.putArray("payload").addObject().put("contentString", text);
    try {
      return new SampleInput(sourceId + ".json", JSON.writeValueAsBytes(c), "application/fhir+json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
