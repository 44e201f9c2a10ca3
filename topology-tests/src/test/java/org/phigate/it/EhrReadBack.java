package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

/**
 * The write-back's resources read back from a FHIR server as a client finds them: search by the review system's
 * identifier (Provenance: tag, or {@code Provenance?target=}), page by page, and HAPI's strict parser over the JSON
 * the server serves.
 */
final class EhrReadBack {
  private final String baseUrl;
  private final String reviewSystem;
  private final IGenericClient fhir;

  EhrReadBack(String baseUrl, String reviewSystem) {
    this.baseUrl = baseUrl;
    this.reviewSystem = reviewSystem;
    FhirContext context = FhirContext.forR4Cached();
    context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    context.getRestfulClientFactory().setSocketTimeout(60_000);
    fhir = context.newRestfulGenericClient(baseUrl);
  }

  /**
   * Resources of type whose identifier (Provenance: tag) in the review system names an item, counted per review id,
   * read page by page through FHIR search (identifier by system; a tag search needs a code, so every Provenance).
   */
  Map<String, Long> countByReviewId(String type, Set<String> reviewIds) {
    Map<String, Long> counts = new HashMap<>();
    String query = type.equals("Provenance") ? "?_count=500" : "?identifier=" + reviewSystem + "|&_count=500";
    Bundle page = fhir.search().byUrl(type + query).returnBundle(Bundle.class).execute();
    while (true) {
      for (Bundle.BundleEntryComponent entry : page.getEntry()) {
        String reviewId = reviewIdOf(entry.getResource());
        if (reviewIds.contains(reviewId)) {
          counts.merge(reviewId, 1L, Long::sum);
        }
      }
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return counts;
      }
      page = fhir.loadPage().next(page).execute();
    }
  }

  /** The review id a written resource carries (identifier, or a Provenance's tag); null when none. */
  String reviewIdOf(Resource resource) {
    if (resource instanceof Provenance provenance) {
      return provenance.getMeta().getTag().stream().filter(t -> reviewSystem.equals(t.getSystem())).findFirst()
          .map(t -> t.getCode()).orElse(null);
    }
    Function<List<Identifier>, String> review = ids -> ids.stream()
        .filter(id -> reviewSystem.equals(id.getSystem())).findFirst().map(id -> id.getValue()).orElse(null);
    if (resource instanceof Task task) {
      return review.apply(task.getIdentifier());
    }
    if (resource instanceof Communication reply) {
      return review.apply(reply.getIdentifier());
    }
    return resource instanceof DocumentReference doc ? review.apply(doc.getIdentifier()) : null;
  }

  /** What HAPI's strict parser says of the resource as the EHR serves it; null when it parses cleanly. */
  String strictParseErrors(Resource resource) throws Exception {
    String url = baseUrl + "/" + resource.getIdElement().toUnqualifiedVersionless().getValue();
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    try {
      fhir.getFhirContext().newJsonParser().setParserErrorHandler(new StrictErrorHandler())
          .parseResource(response.body());
      return null;
    } catch (DataFormatException e) {
      return e.getMessage();
    }
  }

  /** The resources of type whose identifier in the review system is reviewId. */
  <T extends Resource> List<T> byIdentifier(Class<T> type, String reviewId) {
    Bundle found = fhir.search().byUrl(fhir.getFhirContext().getResourceType(type) + "?identifier=" + reviewSystem
        + "|" + reviewId).returnBundle(Bundle.class).execute();
    return found.getEntry().stream().map(e -> type.cast(e.getResource())).toList();
  }

  /** The Provenance found by {@code Provenance?target=} of the item's main resource; exactly one. */
  Provenance provenanceOf(Resource main, String reviewId) {
    Bundle found = fhir.search().byUrl("Provenance?target=" + main.getIdElement().toUnqualifiedVersionless()
        .getValue()).returnBundle(Bundle.class).execute();
    List<Provenance> provenances = found.getEntry().stream().map(e -> (Provenance) e.getResource()).toList();
    assertThat(provenances).as("Provenance?target= of " + reviewId).hasSize(1);
    assertThat(reviewIdOf(provenances.get(0))).isEqualTo(reviewId);
    return provenances.get(0);
  }
}
