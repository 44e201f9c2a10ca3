package org.phigate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedFhirServerTest {
  private static final String SYSTEM = "urn:phigate:event";
  private static EmbeddedFhirServer server;
  private static IGenericClient client;

  @BeforeAll
  static void start() {
    server = EmbeddedFhirServer.start(0);
    client = FhirContext.forR4Cached().newRestfulGenericClient(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void conditionalCreateIsIdempotentAndReadable() {
    Task task = task("evt-1");
    MethodOutcome first = client.create().resource(task).conditional()
        .where(Task.IDENTIFIER.exactly().systemAndCode(SYSTEM, "evt-1")).execute();
    MethodOutcome second = client.create().resource(task).conditional()
        .where(Task.IDENTIFIER.exactly().systemAndCode(SYSTEM, "evt-1")).execute();

    assertThat(first.getCreated()).isTrue();
    assertThat(second.getCreated()).isNotEqualTo(Boolean.TRUE);
    assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
    assertThat(server.resourceCount("Task")).isEqualTo(1);

    Task read = client.read().resource(Task.class).withId(first.getId().getIdPart()).execute();
    assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo("evt-1");
    assertThat(read.getMeta().getVersionId()).isEqualTo("1");
    assertThat(read.getMeta().getLastUpdated()).isNotNull();
    assertThat(server.resources("Task")).hasSize(1);
  }

  @Test
  void searchesByIdentifierAndId() {
    String id = client.create().resource(task("evt-search")).execute().getId().getIdPart();

    Bundle byIdentifier = client.search().forResource(Task.class)
        .where(Task.IDENTIFIER.exactly().systemAndCode(SYSTEM, "evt-search")).returnBundle(Bundle.class).execute();
    Bundle byId = client.search().forResource(Task.class)
        .where(Task.RES_ID.exactly().code(id)).returnBundle(Bundle.class).execute();
    Bundle none = client.search().forResource(Task.class)
        .where(Task.IDENTIFIER.exactly().systemAndCode(SYSTEM, "nope")).returnBundle(Bundle.class).execute();

    assertThat(byIdentifier.getEntry()).hasSize(1);
    assertThat(byId.getEntry()).hasSize(1);
    assertThat(none.getEntry()).isEmpty();
  }

  @Test
  void rawIfNoneExistHeaderReturnsExistingWith200() throws Exception {
    String body = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(task("evt-raw"));
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest post = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/Task"))
        .header("Content-Type", "application/fhir+json")
        .header("If-None-Exist", "identifier=" + SYSTEM + "|evt-raw")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();

    HttpResponse<String> created = http.send(post, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> again = http.send(post, HttpResponse.BodyHandlers.ofString());

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("Location"))
        .isEqualTo(created.headers().firstValue("Location"));
  }

  @Test
  void concurrentConditionalCreatesStoreOneResource() {
    long before = server.resourceCount("Observation");
    List<CompletableFuture<String>> calls = IntStream.range(0, 8)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> client.create().resource(observation("obs-1"))
            .conditional().where(Observation.IDENTIFIER.exactly().systemAndCode(SYSTEM, "obs-1"))
            .execute().getId().getIdPart()))
        .toList();

    assertThat(calls.stream().map(CompletableFuture::join).distinct()).hasSize(1);
    assertThat(server.resourceCount("Observation")).isEqualTo(before + 1);
  }

  @Test
  void shouldResolvePlaceholdersInATransactionAndCreateNothingWhenItIsReplayed() {
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    transaction.addEntry().setFullUrl("urn:uuid:task-1").setResource(task("tx-1")).getRequest()
        .setMethod(Bundle.HTTPVerb.POST).setUrl("Task").setIfNoneExist("identifier=" + SYSTEM + "|tx-1");
    Provenance provenance = new Provenance();
    provenance.getMeta().addTag(SYSTEM, "tx-1", null);
    provenance.addTarget().setReference("urn:uuid:task-1");
    provenance.setRecorded(new java.util.Date());
    transaction.addEntry().setFullUrl("urn:uuid:prov-1").setResource(provenance).getRequest()
        .setMethod(Bundle.HTTPVerb.POST).setUrl("Provenance").setIfNoneExist("_tag=" + SYSTEM + "|tx-1");

    Bundle first = client.transaction().withBundle(transaction).execute();
    Bundle again = client.transaction().withBundle(transaction).execute();

    assertThat(first.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("201 Created",
        "201 Created");
    assertThat(again.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("200 OK", "200 OK");
    assertThat(again.getEntry()).extracting(e -> e.getResponse().getLocation())
        .isEqualTo(first.getEntry().stream().map(e -> e.getResponse().getLocation()).toList());
    String taskId = new org.hl7.fhir.r4.model.IdType(first.getEntry().get(0).getResponse().getLocation())
        .toUnqualifiedVersionless().getValue();
    Bundle byTarget = client.search().forResource(Provenance.class).where(Provenance.TARGET.hasId(taskId))
        .returnBundle(Bundle.class).execute();
    assertThat(byTarget.getEntry()).hasSize(1);
    assertThat(((Provenance) byTarget.getEntryFirstRep().getResource()).getTargetFirstRep().getReference())
        .isEqualTo(taskId);
  }

  @Test
  void shouldStoreNothingOfATransactionWhoseConditionMatchesTwoResources() {
    client.create().resource(observation("dup")).execute();
    client.create().resource(observation("dup")).execute();
    long tasks = server.resourceCount("Task");
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    transaction.addEntry().setResource(task("tx-atomic")).getRequest().setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Task");
    transaction.addEntry().setResource(observation("dup")).getRequest().setMethod(Bundle.HTTPVerb.POST)
        .setUrl("Observation").setIfNoneExist("identifier=" + SYSTEM + "|dup");

    assertThatThrownBy(() -> client.transaction().withBundle(transaction).execute())
        .isInstanceOf(PreconditionFailedException.class);
    assertThat(server.resourceCount("Task")).isEqualTo(tasks);
  }

  @Test
  void unknownIdIsNotFound() {
    assertThatThrownBy(() -> client.read().resource(Task.class).withId("999999").execute())
        .isInstanceOf(ResourceNotFoundException.class);
  }

  private static Observation observation(String id) {
    Observation observation = new Observation();
    observation.addIdentifier().setSystem(SYSTEM).setValue(id);
    observation.setStatus(Observation.ObservationStatus.FINAL).getCode().setText("test");
    return observation;
  }

  private static Task task(String eventId) {
    Task task = new Task();
    task.addIdentifier().setSystem(SYSTEM).setValue(eventId);
    task.setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER);
    return task;
  }
}
