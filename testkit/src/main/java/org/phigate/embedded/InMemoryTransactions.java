package org.phigate.embedded;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Transaction Bundles for the in-memory server, as far as write-back needs them: POST entries, each optionally a
 * conditional create ({@code request.ifNoneExist}), placeholder fullUrls ({@code urn:uuid:...}) rewritten in every
 * reference to the id created or found. All or nothing: conditions are checked and resources copied before any is
 * stored, under the lock every provider holds.
 */
public final class InMemoryTransactions {
  private final FhirContext ctx;
  private final Map<String, InMemoryFhirProvider<?>> providers;
  private final Object lock;

  InMemoryTransactions(FhirContext ctx, Map<String, InMemoryFhirProvider<?>> providers, Object lock) {
    this.ctx = ctx;
    this.providers = providers;
    this.lock = lock;
  }

  /** Processes a transaction Bundle and answers with a transaction-response Bundle. */
  @Transaction
  public Bundle transaction(@TransactionParam Bundle request) {
    if (request.getType() != Bundle.BundleType.TRANSACTION) {
      throw new InvalidRequestException("Only transaction Bundles are supported");
    }
    synchronized (lock) {
      Map<String, String> resolved = new HashMap<>();
      List<Resource> toStore = new ArrayList<>();
      List<Resource> found = new ArrayList<>();
      for (Bundle.BundleEntryComponent entry : request.getEntry()) {
        if (entry.getRequest().getMethod() != Bundle.HTTPVerb.POST || entry.getResource() == null) {
          throw new InvalidRequestException("Only POST entries with a resource are supported");
        }
        InMemoryFhirProvider<?> provider = provider(entry.getResource().fhirType());
        Resource existing = provider.existing(entry.getRequest().getIfNoneExist());
        found.add(existing);
        toStore.add(existing == null ? entry.getResource().copy() : null);
        if (existing != null && entry.hasFullUrl()) {
          resolved.put(entry.getFullUrl(), existing.getIdElement().toUnqualifiedVersionless().getValue());
        }
      }
      List<Resource> stored = new ArrayList<>();
      for (int i = 0; i < toStore.size(); i++) {
        Resource resource = toStore.get(i);
        if (resource == null) {
          stored.add(null);
          continue;
        }
        Resource saved = provider(resource.fhirType()).store(resource);
        stored.add(saved);
        String fullUrl = request.getEntry().get(i).getFullUrl();
        if (fullUrl != null) {
          resolved.put(fullUrl, saved.getIdElement().toUnqualifiedVersionless().getValue());
        }
      }
      stored.stream().filter(r -> r != null).forEach(r -> rewriteReferences(r, resolved));
      Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
      for (int i = 0; i < stored.size(); i++) {
        Resource resource = stored.get(i) != null ? stored.get(i) : found.get(i);
        response.addEntry().getResponse().setStatus(stored.get(i) != null ? "201 Created" : "200 OK")
            .setLocation(resource.getIdElement().getValue());
      }
      return response;
    }
  }

  /** Stored resources are the provider's own objects: rewriting them in place rewrites what the server holds. */
  private void rewriteReferences(Resource resource, Map<String, String> resolved) {
    for (Reference reference : ctx.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
      String target = resolved.get(reference.getReference());
      if (target != null) {
        reference.setReference(target);
      }
    }
  }

  private InMemoryFhirProvider<?> provider(String type) {
    InMemoryFhirProvider<?> provider = providers.get(type);
    if (provider == null) {
      throw new InvalidRequestException("Unsupported resource type in transaction: " + type);
    }
    return provider;
  }
}
