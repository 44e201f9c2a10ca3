package org.phigate.writeback.fhir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.phigate.writeback.EhrWriteException;
import org.phigate.writeback.EhrWriter.WriteRequest;

/**
 * One FHIR transaction Bundle per approved item: the workflow's resources plus their AI Provenance, each a
 * conditional create ({@code If-None-Exist}) on an identifier derived from the review id, so a replayed Bundle finds
 * what the first one made and creates nothing.
 */
public final class WritebackBundleBuilder {
  private final FhirMappings mappings;
  private final FhirWriteSettings settings;
  private final Clock clock;

  public WritebackBundleBuilder(FhirMappings mappings, FhirWriteSettings settings, Clock clock) {
    this.mappings = mappings;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * @param patientReference the matched chart, e.g. {@code Patient/123}
   * @throws EhrWriteException {@link EhrWriteException#WORKFLOW_NOT_WRITABLE} when the workflow has no mapping
   */
  public Bundle build(WriteRequest request, String patientReference) {
    String workflowName = request.approved().getItem().getWorkflow();
    FhirMappings.Workflow workflow = mappings.workflow(workflowName);
    if (workflow == null) {
      throw EhrWriteException.permanent(EhrWriteException.WORKFLOW_NOT_WRITABLE);
    }
    WriteContext c = new WriteContext(request, patientReference, workflow, mappings, settings);
    Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    List<Reference> targets = new ArrayList<>();
    switch (workflow.kind()) {
      case TRIAGE -> {
        targets.add(add(bundle, c, ClinicalResources.task(c, null)));
        targets.add(add(bundle, c, ClinicalResources.reply(c)));
      }
      case NOTE_SUMMARY -> targets.add(add(bundle, c, ClinicalResources.summary(c)));
      case FOLLOW_UP -> targets.add(add(bundle, c, ClinicalResources.task(c, request.text())));
    }
    Provenance provenance = AiProvenance.of(c, targets, clock.instant());
    entry(bundle, c, provenance, "_tag=" + token(settings.identifierSystem(), c.item().getReviewId()));
    return bundle;
  }

  private Reference add(Bundle bundle, WriteContext c, Resource resource) {
    String fullUrl = entry(bundle, c, resource,
        "identifier=" + token(settings.identifierSystem(), c.item().getReviewId()));
    return new Reference(fullUrl);
  }

  private static String entry(Bundle bundle, WriteContext c, Resource resource, String ifNoneExist) {
    String type = resource.fhirType();
    String fullUrl = "urn:uuid:" + UUID.nameUUIDFromBytes((c.item().getReviewId() + "/" + type)
        .getBytes(StandardCharsets.UTF_8));
    bundle.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest()
        .setMethod(Bundle.HTTPVerb.POST).setUrl(type).setIfNoneExist(ifNoneExist);
    return fullUrl;
  }

  /** A token search value {@code system|code}, each part URL-encoded. */
  static String token(String system, String code) {
    return URLEncoder.encode(system, StandardCharsets.UTF_8) + "|" + URLEncoder.encode(code, StandardCharsets.UTF_8);
  }
}
