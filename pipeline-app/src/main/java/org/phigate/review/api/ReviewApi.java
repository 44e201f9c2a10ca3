package org.phigate.review.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.phigate.audit.AuditEvents;
import org.phigate.deid.vault.ReidentificationRefused;
import org.phigate.deid.vault.Reidentifier;
import org.phigate.review.auth.DecisionMac;
import org.phigate.review.auth.ReviewPrincipal;
import org.phigate.review.auth.ReviewerRole;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.TextPart;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.ReviewStatus;
import org.phigate.security.FieldCipher;

/**
 * What the reviewer API does, apart from HTTP: the queue gathered across review instances, an item (its PHI view
 * audited before it is shown), and decisions checked, sealed, signed and written to the decisions topic, each on
 * the instance that owns the item so a second decision on a closed item is refused (409) and never applied twice.
 */
public final class ReviewApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ReviewQueries queries;
  private final ReviewSinks sinks;
  private final DecisionMac mac;
  private final FieldCipher reviewCipher;
  private final Reidentifier reidentifier;
  private final AuditEvents audit;
  private final DecisionRequests requests;
  private final Clock clock;
  private final RemoteInstances remote;
  /** Items this instance closed whose decision the stage may not have applied yet: a repeat is refused (409). */
  private final Cache<String, Boolean> closing = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1))
      .maximumSize(100_000).build();

  /**
   * @param vaultCipher opens vault originals for a reviewer's view of the source message (crypto.vault.key)
   */
  public ReviewApi(ReviewQueries queries, ReviewSinks sinks, DecisionMac mac, FieldCipher reviewCipher,
                   FieldCipher vaultCipher, AuditEvents audit, ReasonCodes reasons, Clock clock) {
    this(queries, sinks, mac, reviewCipher, vaultCipher, null, audit, reasons, clock);
  }

  /** @param legacyVaultBefore items held before it open token-keyed (pre-upgrade) vault entries; null: none do */
  public ReviewApi(ReviewQueries queries, ReviewSinks sinks, DecisionMac mac, FieldCipher reviewCipher,
                   FieldCipher vaultCipher, java.time.Instant legacyVaultBefore, AuditEvents audit,
                   ReasonCodes reasons, Clock clock) {
    this(queries, sinks, mac, reviewCipher, vaultCipher, legacyVaultBefore, audit, reasons, clock, null);
  }

  /**
   * @param peerTls with TLS on the API, how this instance calls the other review instances (https, their
   *                certificates checked against it); null: plain http
   */
  public ReviewApi(ReviewQueries queries, ReviewSinks sinks, DecisionMac mac, FieldCipher reviewCipher,
                   FieldCipher vaultCipher, java.time.Instant legacyVaultBefore, AuditEvents audit,
                   ReasonCodes reasons, Clock clock, javax.net.ssl.SSLContext peerTls) {
    this.remote = new RemoteInstances(peerTls);
    this.queries = queries;
    this.reidentifier = new Reidentifier(vaultCipher, legacyVaultBefore);
    this.sinks = sinks;
    this.mac = mac;
    this.reviewCipher = reviewCipher;
    this.audit = audit;
    this.requests = new DecisionRequests(reasons);
    this.clock = clock;
  }

  ApiResponse queue(ReviewPrincipal who, QueueView.Filter filter, boolean local, String authorization)
      throws IOException, InterruptedException {
    if (!who.may(ReviewerRole.REVIEWER) && !who.may(ReviewerRole.AUDITOR)) {
      return forbidden();
    }
    List<QueueEntry> entries = new ArrayList<>();
    try {
      queries.localItems().forEach(item -> entries.add(QueueEntry.of(item)));
    } catch (InvalidStateStoreException e) {
      return unavailable();
    }
    if (!local) {
      for (String instance : queries.otherInstances()) {
        RemoteInstances.Answer answer = remote.get(instance, "/api/v1/queue", authorization);
        if (answer.status() != 200) {
          return unavailable();
        }
        entries.addAll(JSON.convertValue(JSON.readTree(answer.body()).get("items"),
            new TypeReference<List<QueueEntry>>() {}));
      }
    }
    // a remote instance answers unfiltered (scope=local): the filter and order apply once, over everything
    return ApiResponse.ok(local ? QueueView.of(entries, new QueueView.Filter(null, null, null, null), clock.millis())
        : QueueView.of(entries, filter, clock.millis()));
  }

  ApiResponse item(ReviewPrincipal who, String reviewId, boolean local, String authorization)
      throws IOException, InterruptedException, ReviewSinks.SinkException {
    if (!who.may(ReviewerRole.REVIEWER) && !who.may(ReviewerRole.AUDITOR)) {
      return forbidden();
    }
    String owner = local ? null : queries.ownerOf(reviewId);
    if (owner != null) {
      return relay(remote.get(owner, "/api/v1/items/" + reviewId, authorization));
    }
    Optional<ReviewItem> found;
    try {
      found = queries.localItem(reviewId);
    } catch (InvalidStateStoreException e) {
      return unavailable();
    }
    if (found.isEmpty()) {
      return ApiResponse.error(404, "UNKNOWN_REVIEW", "no held item with this review id");
    }
    ReviewItem item = found.get();
    boolean phiView = who.may(ReviewerRole.REVIEWER);
    Optional<DeidentifiedEvent> source = phiView ? queries.localSource(reviewId) : Optional.empty();
    List<Map<String, Object>> parts = new ArrayList<>();
    int unresolved = 0;
    Reidentifier.Subject subject = new Reidentifier.Subject(item.getTenant(), item.getEventId(),
        item.getPatientToken(), item.getHeldAt());
    for (TextPart part : source.map(DeidentifiedEvent::getTextParts).orElse(List.of())) {
      String text;
      try {
        text = reidentifier.reidentify(subject, part.getText(), queries::vaultEntry).text();
      } catch (ReidentificationRefused e) {
        // fails closed as write-back does: the part is shown with its tokens, never with another person's values
        text = part.getText();
        unresolved++;
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("path", part.getPath());
      json.put("text", text);
      parts.add(json);
    }
    // the view is audited (and durable) before anything is shown
    sinks.audit(audit.humanRead("review.view", who.subject(), phiView ? who.decidingRole()
            : ReviewerRole.AUDITOR.id(), item.getEventId(), reviewId, "ReviewItem")
        .patientToken(item.getPatientToken()).detail("issuer", who.issuer()).detail("phiView", phiView)
        .detail("sourceParts", parts.size()).detail("unresolvedTokens", unresolved).build());
    Map<String, Object> json = ItemJson.of(item, phiView);
    if (phiView) {
      json.put("source", source.isEmpty() ? null : Map.of("parts", parts, "unresolvedTokens", unresolved));
    }
    return ApiResponse.ok(json);
  }

  ApiResponse decide(ReviewPrincipal who, String reviewId, String body, boolean local, String authorization)
      throws IOException, InterruptedException, ReviewSinks.SinkException {
    if (!who.may(ReviewerRole.REVIEWER)) {
      return forbidden();
    }
    DecisionRequests.Parsed parsed = requests.parse(body);
    if (parsed.error() != null) {
      return ApiResponse.error(400, "BAD_DECISION", parsed.error());
    }
    String owner = local ? null : queries.ownerOf(reviewId);
    if (owner != null) {
      return relay(remote.post(owner, "/api/v1/items/" + reviewId + "/decision", authorization, body));
    }
    Optional<ReviewItem> found;
    try {
      found = queries.localItem(reviewId);
    } catch (InvalidStateStoreException e) {
      return unavailable();
    }
    if (found.isEmpty()) {
      return ApiResponse.error(404, "UNKNOWN_REVIEW", "no held item with this review id");
    }
    synchronized (closing) {
      if (found.get().getStatus() != ReviewStatus.PENDING || closing.getIfPresent(reviewId) != null) {
        return ApiResponse.error(409, "ALREADY_DECIDED", "this item has already been decided; nothing was changed");
      }
      ReviewDecision decision = mac.sign(parsed.decision(reviewId, who, clock.instant(), reviewCipher,
          found.get().getPatientToken()));
      if (parsed.closes()) {
        closing.put(reviewId, Boolean.TRUE);
      }
      try {
        sinks.decision(reviewId, decision);
      } catch (ReviewSinks.SinkException e) {
        closing.invalidate(reviewId);
        throw e;
      }
      Map<String, Object> accepted = new LinkedHashMap<>();
      accepted.put("reviewId", reviewId);
      accepted.put("decision", decision.getDecision().name());
      accepted.put("reviewer", decision.getReviewer());
      accepted.put("decidedAt", decision.getDecidedAt().toString());
      return new ApiResponse(202, accepted);
    }
  }

  private static ApiResponse relay(RemoteInstances.Answer answer) throws IOException {
    return new ApiResponse(answer.status(), JSON.readTree(answer.body()));
  }

  private static ApiResponse forbidden() {
    return ApiResponse.error(403, "FORBIDDEN", "your token does not carry a role that may do this");
  }

  private static ApiResponse unavailable() {
    return ApiResponse.error(503, "STORE_UNAVAILABLE", "the review store is not ready (rebalancing); retry shortly");
  }

  static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }
}
