package org.phigate.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phigate.embedded.EmbeddedFhirServer;
import org.phigate.testing.CapturedOutput;
import org.phigate.writeback.EhrWriter.WriteRequest;
import org.phigate.writeback.EhrWriter.WriteResult;
import org.phigate.writeback.fhir.FhirBundleWriter;
import org.phigate.writeback.fhir.FhirMappings;
import org.phigate.writeback.fhir.WritebackSamples;

/**
 * What write-back writes, against the in-process FHIR server: one transaction Bundle per approved item, found again by
 * {@code Task?identifier=} and {@code Provenance?target=}, written once however often it is sent, and only to the one
 * chart its MRN matches.
 */
class FhirBundleWriterTest {
  private static final String MRN = "MRN-Q-19580214";
  private static final String AIAST = "AIAST";
  private static EmbeddedFhirServer ehr;
  private static IGenericClient client;
  private FhirBundleWriter writer;

  @BeforeAll
  static void start() {
    ehr = EmbeddedFhirServer.start();
    client = FhirContext.forR4Cached().newRestfulGenericClient(ehr.baseUrl());
  }

  @AfterAll
  static void stop() {
    ehr.close();
  }

  @BeforeEach
  void freshChart() {
    ehr.clear();
    writer = new FhirBundleWriter(client, WritebackSamples.settings(), FhirMappings.load(),
        Clock.fixed(Instant.parse("2026-11-25T12:06:00Z"), ZoneOffset.UTC));
  }

  @Test
  void shouldWriteATriagedMessageAsTaskAndReplyWithAiProvenanceReadableBySearch() {
    String patient = ehr.addPatient(WritebackSamples.MRN_SYSTEM, MRN);

    WriteResult result = writer.write(WritebackSamples.request("message-triage", "rv-tri-1", MRN, false));

    assertThat(result.created()).isTrue();
    assertThat(result.resources()).extracting(r -> r.substring(0, r.indexOf('/')))
        .containsExactly("Task", "Communication", "Provenance");
    Task task = only(search(Task.class, "rv-tri-1"));
    assertThat(task.getPriority()).isEqualTo(Task.TaskPriority.ASAP);
    assertThat(task.getReasonCode().getCodingFirstRep().getCode()).isEqualTo("symptom");
    assertThat(task.getOwner().getIdentifier().getValue()).isEqualTo("portal-triage");
    assertThat(task.getFor().getReference()).isEqualTo(patient);
    assertThat(task.getFocus().getIdentifier().getValue()).isEqualTo(WritebackSamples.SOURCE_MESSAGE_ID);
    assertThat(task.getNoteFirstRep().getText()).contains("wound-infection");
    assertThat(task.getMeta().getSecurity()).extracting(c -> c.getCode()).contains(AIAST);

    Communication reply = only(search(Communication.class, "rv-tri-1"));
    assertThat(reply.getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
    assertThat(reply.getInResponseToFirstRep().getIdentifier().getValue())
        .isEqualTo(WritebackSamples.SOURCE_MESSAGE_ID);
    assertThat(reply.getSender().getIdentifier().getValue()).isEqualTo("dr-7");
    assertThat(reply.getSubject().getReference()).isEqualTo(patient);
    assertThat(reply.getPayloadFirstRep().getContentStringType().getValue()).contains(WritebackSamples.PATIENT_NAME);
    assertThat(reply.getMeta().getSecurity()).extracting(c -> c.getCode()).contains(AIAST);

    Provenance provenance = only(provenanceOf("Task/" + task.getIdElement().getIdPart()));
    assertThat(provenance.getTarget()).extracting(Reference::getReference).containsExactlyInAnyOrder(
        "Task/" + task.getIdElement().getIdPart(), "Communication/" + reply.getIdElement().getIdPart());
    assertAiProvenance(provenance);
    assertThat(provenance.getEntity()).extracting(e -> e.getRole()).containsExactly(
        Provenance.ProvenanceEntityRole.SOURCE);
    assertThat(only(provenanceOf("Communication/" + reply.getIdElement().getIdPart())).getIdElement().getIdPart())
        .isEqualTo(provenance.getIdElement().getIdPart());
  }

  @Test
  void shouldWriteANoteSummaryAsAFinalTextDocumentAndAFollowUpAsATask() {
    String patient = ehr.addPatient(WritebackSamples.MRN_SYSTEM, MRN);

    writer.write(WritebackSamples.request("note-summary", "rv-sum-1", MRN, false));
    writer.write(WritebackSamples.request("result-follow-up", "rv-fu-1", MRN, false));

    DocumentReference doc = only(search(DocumentReference.class, "rv-sum-1"));
    assertThat(doc.getDocStatus()).isEqualTo(DocumentReference.ReferredDocumentStatus.FINAL);
    assertThat(doc.getSubject().getReference()).isEqualTo(patient);
    assertThat(doc.getRelatesToFirstRep().getTarget().getIdentifier().getValue())
        .isEqualTo(WritebackSamples.SOURCE_MESSAGE_ID);
    assertThat(doc.getContentFirstRep().getAttachment().getContentType()).startsWith("text/plain");
    assertThat(new String(doc.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8))
        .startsWith("Summary: " + WritebackSamples.PATIENT_NAME);
    assertThat(doc.getAuthenticator().getIdentifier().getValue()).isEqualTo("dr-7");
    assertThat(doc.getMeta().getSecurity()).extracting(c -> c.getCode()).contains(AIAST);
    assertAiProvenance(only(provenanceOf("DocumentReference/" + doc.getIdElement().getIdPart())));

    Task followUp = only(search(Task.class, "rv-fu-1"));
    assertThat(followUp.getDescription()).contains("repeat the potassium");
    assertThat(followUp.getOwner().getIdentifier().getValue()).isEqualTo("result-follow-up");
    assertThat(followUp.getReasonCode().getCodingFirstRep().getCode()).isEqualTo("needs-action");
    assertAiProvenance(only(provenanceOf("Task/" + followUp.getIdElement().getIdPart())));
  }

  @Test
  void shouldCreateNothingNewWhenTheSameItemIsWrittenAgain() {
    ehr.addPatient(WritebackSamples.MRN_SYSTEM, MRN);
    WriteRequest request = WritebackSamples.request("message-triage", "rv-replay-1", MRN, true);

    WriteResult first = writer.write(request);
    Map<String, Integer> counts = counts();
    WriteResult again = writer.write(request);

    assertThat(again.created()).isFalse();
    assertThat(again.resources()).isEqualTo(first.resources());
    assertThat(counts()).isEqualTo(counts).containsEntry("Task", 1).containsEntry("Provenance", 1);
  }

  @Test
  void shouldWriteNothingWhenNoPatientOrMoreThanOneCarriesTheMrn() {
    WriteRequest request = WritebackSamples.request("message-triage", "rv-nomatch-1", MRN, false);

    assertThatThrownBy(() -> writer.write(request)).isInstanceOf(EhrWriteException.class)
        .hasMessage(EhrWriteException.PATIENT_NOT_FOUND)
        .satisfies(e -> assertThat(((EhrWriteException) e).retryable()).isFalse());

    ehr.addPatient(WritebackSamples.MRN_SYSTEM, MRN);
    ehr.addPatient(WritebackSamples.MRN_SYSTEM, MRN);
    assertThatThrownBy(() -> writer.write(request)).isInstanceOf(EhrWriteException.class)
        .hasMessage(EhrWriteException.PATIENT_AMBIGUOUS)
        .satisfies(e -> assertThat(((EhrWriteException) e).retryable()).isFalse());

    ehr.addPatient("urn:other:mrn-system", "MRN-OTHER");
    assertThat(counts()).containsOnlyKeys("Patient");
  }

  @Test
  void shouldKeepTheAiDraftInProvenanceWhenTheReviewerEditedIt() {
    ehr.addPatient(WritebackSamples.MRN_SYSTEM, MRN);
    WriteRequest edited = WritebackSamples.request("message-triage", "rv-edit-1", MRN, true);

    writer.write(edited);

    Communication reply = only(search(Communication.class, "rv-edit-1"));
    assertThat(reply.getPayloadFirstRep().getContentStringType().getValue()).isEqualTo(edited.text());
    Provenance provenance = only(provenanceOf("Communication/" + reply.getIdElement().getIdPart()));
    Provenance.ProvenanceEntityComponent revision = provenance.getEntity().stream()
        .filter(e -> e.getRole() == Provenance.ProvenanceEntityRole.REVISION).findFirst().orElseThrow();
    DocumentReference draft = (DocumentReference) contained(provenance, revision.getWhat().getReference());
    assertThat(new String(draft.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8))
        .isEqualTo(edited.originalDraft()).isNotEqualTo(edited.text());

    writer.write(WritebackSamples.request("message-triage", "rv-unedited-1", MRN, false));
    Task unedited = only(search(Task.class, "rv-unedited-1"));
    assertThat(only(provenanceOf("Task/" + unedited.getIdElement().getIdPart())).getEntity())
        .noneMatch(e -> e.getRole() == Provenance.ProvenanceEntityRole.REVISION);
  }

  @Test
  void shouldKeepPhiOutOfLogsExceptionMessagesAndUrls() {
    List<String> phi = List.of(MRN, WritebackSamples.PATIENT_NAME, WritebackSamples.SOURCE_MESSAGE_ID);
    List<String> messages;
    List<String> lines;
    List<String> urls = new java.util.concurrent.CopyOnWriteArrayList<>();
    IClientInterceptor recordUrls = new IClientInterceptor() {
      @Override
      public void interceptRequest(IHttpRequest request) {
        urls.add(request.getUri());
      }

      @Override
      public void interceptResponse(IHttpResponse response) {
        // only the request line matters here
      }
    };
    client.registerInterceptor(recordUrls);
    try (CapturedOutput out = new CapturedOutput()) {
      messages = new java.util.ArrayList<>();
      for (String workflow : WritebackSamples.WORKFLOWS) {
        messages.add(failure(WritebackSamples.request(workflow, "rv-phi-" + workflow, MRN, true)));
      }
      ehr.addPatient(WritebackSamples.MRN_SYSTEM, MRN);
      for (String workflow : WritebackSamples.WORKFLOWS) {
        writer.write(WritebackSamples.request(workflow, "rv-phi-" + workflow, MRN, true));
      }
      FhirBundleWriter unreachable = FhirBundleWriter.create("http://127.0.0.1:1/fhir", 2000,
          WritebackSamples.settings(), Clock.systemUTC());
      messages.add(failure(unreachable, WritebackSamples.request("message-triage", "rv-phi-down", MRN, true)));
      lines = out.logLines();
    } finally {
      client.unregisterInterceptor(recordUrls);
    }
    assertThat(urls).as("the search and the transaction were sent").hasSizeGreaterThanOrEqualTo(6);
    assertThat(messages).containsExactly(EhrWriteException.PATIENT_NOT_FOUND, EhrWriteException.PATIENT_NOT_FOUND,
        EhrWriteException.PATIENT_NOT_FOUND, "EHR unreachable");
    for (String value : phi) {
      assertThat(lines).noneMatch(line -> line.contains(value));
      assertThat(urls).noneMatch(url -> url.contains(value));
    }
  }

  private String failure(WriteRequest request) {
    return failure(writer, request);
  }

  private static String failure(FhirBundleWriter writer, WriteRequest request) {
    try {
      writer.write(request);
      throw new AssertionError("the write should have failed");
    } catch (EhrWriteException e) {
      return e.getMessage();
    }
  }

  private static void assertAiProvenance(Provenance provenance) {
    assertThat(provenance.getReasonFirstRep().getCodingFirstRep().getCode()).isEqualTo(AIAST);
    Map<String, Reference> agents = provenance.getAgent().stream().collect(Collectors.toMap(
        a -> a.getType().getCodingFirstRep().getCode(), a -> a.getWho()));
    assertThat(agents).containsOnlyKeys("author", "verifier", "transmitter");
    Device model = (Device) contained(provenance, agents.get("author").getReference());
    assertThat(model.getDeviceNameFirstRep().getName()).isEqualTo("phigate-embedded-minilm-logreg");
    assertThat(model.getVersionFirstRep().getValue()).startsWith("all-minilm-l6-v2-q@");
    assertThat(model.getType().getCodingFirstRep().getCode()).isEqualTo("Artificial-Intelligence");
    assertThat(agents.get("verifier").getType()).isEqualTo("Practitioner");
    assertThat(agents.get("verifier").getIdentifier().getValue()).isEqualTo("dr-7");
    assertThat(agents.get("transmitter").getIdentifier().getValue()).isEqualTo("phigate");
    assertThat(provenance.getEntity()).anySatisfy(e -> {
      assertThat(e.getRole()).isEqualTo(Provenance.ProvenanceEntityRole.SOURCE);
      assertThat(e.getWhat().getIdentifier().getValue()).isEqualTo(WritebackSamples.SOURCE_MESSAGE_ID);
    });
  }

  private static Resource contained(Provenance provenance, String reference) {
    String id = reference.substring(1);
    return provenance.getContained().stream().filter(r -> r.getIdElement().getIdPart().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no contained " + reference));
  }

  private static <T extends IBaseResource> List<T> search(Class<T> type, String reviewId) {
    Bundle found = client.search().forResource(type).where(new ca.uhn.fhir.rest.gclient.TokenClientParam(
        "identifier").exactly().systemAndCode(WritebackSamples.REVIEW_SYSTEM, reviewId))
        .returnBundle(Bundle.class).execute();
    return found.getEntry().stream().map(e -> type.cast(e.getResource())).toList();
  }

  private static List<Provenance> provenanceOf(String target) {
    Bundle found = client.search().forResource(Provenance.class).where(Provenance.TARGET.hasId(target))
        .returnBundle(Bundle.class).execute();
    return found.getEntry().stream().map(e -> (Provenance) e.getResource()).toList();
  }

  private static <T> T only(List<T> found) {
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static Map<String, Integer> counts() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (String type : List.of("Task", "Communication", "DocumentReference", "Provenance", "Patient")) {
      if (ehr.resourceCount(type) > 0) {
        counts.put(type, Math.toIntExact(ehr.resourceCount(type)));
      }
    }
    return counts;
  }
}
