package org.phigate.writeback.fhir;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.phigate.schema.Urgency;

/**
 * What write-back writes per workflow and which codes it uses, read from {@value #RESOURCE} (sources in
 * {@code writeback/SOURCES.md}): urgency to Task.priority, AI categories to reason codes, the AI Transparency codes.
 */
public record FhirMappings(Map<String, Workflow> workflows, Map<String, Map<String, String>> categories,
                           TaskNotes taskNotes, Priority taskPriority, AiTransparency aiTransparency) {
  public static final String RESOURCE = "writeback/fhir-mappings.json";

  /** The resources a workflow's approved item becomes. */
  public enum Kind { TRIAGE, NOTE_SUMMARY, FOLLOW_UP }

  /** A code as the data file spells it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Code(String system, String code, String display, String text) {
    Coding coding() {
      return new Coding(system, code, display);
    }

    CodeableConcept concept() {
      CodeableConcept concept = new CodeableConcept().setText(text);
      if (code != null) {
        concept.addCoding(coding());
      }
      return concept;
    }
  }

  /** One workflow's mapping. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Workflow(Kind kind, String sourceMessageType, String ownerPool, String ownerPoolType, Code taskCode,
                         String categorySystem, Code documentType, String attachmentTitle) {}

  /** Fixed texts of Task notes (the values they introduce are ids and codes, never free text). */
  public record TaskNotes(String redFlags, String escalate) {}

  /** Urgency to Task.priority. */
  public record Priority(String system, Map<String, String> byUrgency, String whenAbsent) {
    /** The Task.priority code of an urgency (null: the default). */
    public String of(Urgency urgency) {
      return urgency == null ? whenAbsent : byUrgency.getOrDefault(urgency.name(), whenAbsent);
    }
  }

  /** The HL7 AI Transparency on FHIR codes and PHIGate's own agent identity. */
  public record AiTransparency(Code securityLabel, Code provenanceReason, Code provenanceActivity, Code deviceType,
                               Code modelAgentType, Code reviewerAgentType, Code transmitterAgentType,
                               String modelIdentifierSystem, String originalDraftDescription,
                               Transmitter transmitter) {}

  /** How PHIGate names itself as the transmitting agent. */
  public record Transmitter(String system, String value, String display) {}

  /** The shipped mappings. */
  public static FhirMappings load() {
    try (InputStream in = FhirMappings.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .readValue(in, FhirMappings.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The mapping of a workflow, or null when its items are not written to the EHR. */
  public Workflow workflow(String workflow) {
    return workflows.get(workflow);
  }

  /** The reason code of an AI category: a coding when the data file knows it, else the category as text. */
  public CodeableConcept category(Workflow workflow, String category) {
    Map<String, String> known = workflow.categorySystem() == null ? null : categories.get(workflow.categorySystem());
    if (known == null || !known.containsKey(category)) {
      return new CodeableConcept().setText(category);
    }
    return new CodeableConcept(new Coding(workflow.categorySystem(), category, known.get(category)))
        .setText(known.get(category));
  }
}
