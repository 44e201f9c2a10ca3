package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.catalog.Topic;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.Settings;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.it.support.SharedServices;
import org.phigate.it.support.TopicCollector;
import org.phigate.registry.RestSchemaRegistryClient;
import org.phigate.review.ReviewStage;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.schema.ApprovedResult;
import org.phigate.schema.AuditEvent;
import org.phigate.schema.DecisionType;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ReviewDecision;
import org.phigate.schema.ReviewEscalation;
import org.phigate.schema.ReviewItem;
import org.phigate.schema.Urgency;
import org.phigate.streams.ProducerFactory;

/**
 * kill -9 of the review role (`phigate run --role review` in its own JVM) while AI results are held and more are in
 * flight, then a restart on an empty state directory: no unreviewed item ever reaches phigate.review.approved, every
 * held item is still held (its state restored from the changelog: a decision on it applies), SLA escalations
 * happen once per item across the kill, and one real approval releases exactly one record.
 */
class ReviewCrashIT {
  private static final int HELD_BEFORE_KILL = 12;
  private static final int IN_FLIGHT_AT_KILL = 12;
  private static final String DRAFT = "Suggested reply for [NAME-5e6f7a8b]: please book a visit this week";

  @Test
  void shouldKeepEveryUnreviewedItemHeldAcrossKillMinus9(@TempDir Path dir) throws Exception {
    // its own broker: the shared one's topics are read from the start by other tests' roles
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
      killAndRestart(kafka, dir);
    }
  }

  private static final String MAC_KEY = org.phigate.security.Keys.randomBase64();
  private static final org.phigate.review.auth.DecisionMac SIGNER =
      new org.phigate.review.auth.DecisionMac(java.util.Base64.getDecoder().decode(MAC_KEY));

  private void killAndRestart(EmbeddedKafkaBroker kafka, Path dir) throws Exception {
    String registry = SharedServices.apicurio().ccompatUrl();
    String run = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    Path config = writeConfig(dir, kafka.bootstrapServers(), registry, run);
    CommonConfig common = new CommonConfig(Settings.load(config, Map.of()));
    TopicProvisioner.ensureTopics(common);
    TopicSerdes serdes = new TopicSerdes(new RestSchemaRegistryClient(registry));
    Predicate<String> ours = eventId -> eventId.startsWith(run);

    List<String> held = IntStream.range(0, HELD_BEFORE_KILL).mapToObj(i -> run + "-held-" + i).toList();
    List<String> inFlight = IntStream.range(0, IN_FLIGHT_AT_KILL).mapToObj(i -> run + "-flight-" + i).toList();
    List<String> all = new ArrayList<>(held);
    all.addAll(inFlight);
    // a routine item (2 business days) that is rejected right after the restart: times the restore, never escalates
    String probe = run + "-probe";

    try (TopicCollector<ApprovedResult> approved = collect(kafka, serdes, Topics.REVIEW_APPROVED,
            a -> a.getItem().getEventId());
         TopicCollector<ReviewItem> pending = collect(kafka, serdes, Topics.REVIEW_PENDING, ReviewItem::getEventId);
         TopicCollector<ReviewEscalation> escalations = collect(kafka, serdes, Topics.REVIEW_ESCALATIONS,
             ReviewEscalation::getEventId);
         TopicCollector<AuditEvent> audit = collect(kafka, serdes, Topics.AUDIT_EVENTS,
             a -> a.getSubtype() + " " + a.getSubjectEventId());
         KafkaProducer<String, InferenceResult> results = producer(kafka, serdes, Topics.AI_RESULTS);
         KafkaProducer<String, ReviewDecision> decisions = producer(kafka, serdes, Topics.REVIEW_DECISIONS)) {
      Process review = startReview(config, dir.resolve("state-1"), dir.resolve("review-1.log"));
      try {
        held.forEach(id -> results.send(new ProducerRecord<>(Topics.AI_RESULTS.name(), id, result(id))));
        results.send(new ProducerRecord<>(Topics.AI_RESULTS.name(), probe, InferenceResult.newBuilder(result(probe))
            .setUrgency(Urgency.ROUTINE).build()));
        results.flush();
        await().atMost(Duration.ofMinutes(2)).until(() -> held.stream().allMatch(id -> !pending.get(id).isEmpty())
            && !pending.get(probe).isEmpty());

        inFlight.forEach(id -> results.send(new ProducerRecord<>(Topics.AI_RESULTS.name(), id, result(id))));
        results.flush();
        review.destroyForcibly().waitFor(); // SIGKILL while these are being held: no shutdown hook, no commit
      } finally {
        review.destroyForcibly().waitFor();
      }
      assertThat(approvedOf(approved, ours)).as("nothing approved before any decision").isEmpty();

      // a fresh state directory: the hold store and the SLA index can only come back from their changelogs
      long restart = System.nanoTime();
      review = startReview(config, dir.resolve("state-2"), dir.resolve("review-2.log"));
      try {
        decide(decisions, probe, DecisionType.REJECT);
        decisions.flush();
        await().atMost(Duration.ofMinutes(2)).until(() -> !audit.get("review.decide " + probe).isEmpty());
        long restoredMs = Duration.ofNanos(System.nanoTime() - restart).toMillis();
        assertThat(audit.get("review.decide " + probe)).singleElement().satisfies(a -> assertThat(a.value()
            .getOutcomeDesc()).as("the probe was held before the kill: restored, not UNKNOWN_REVIEW").isNull());

        await().atMost(Duration.ofMinutes(3)).until(() -> all.stream().allMatch(id -> !pending.get(id).isEmpty()
            && !escalations.get(id).isEmpty()));
        long escalatedMs = Duration.ofNanos(System.nanoTime() - restart).toMillis();
        assertThat(approvedOf(approved, ours)).as("held and escalated, never released").isEmpty();

        String chosen = held.get(0);
        decide(decisions, chosen, DecisionType.APPROVE);
        all.stream().skip(1).forEach(id -> decide(decisions, id, DecisionType.REJECT));
        decide(decisions, chosen, DecisionType.APPROVE); // a second approval is refused, never applied twice
        decisions.flush();
        await().atMost(Duration.ofMinutes(2)).until(() -> all.stream()
            .allMatch(id -> audit.get("review.decide " + id).size() == (id.equals(chosen) ? 2 : 1)));
        long releasedMs = Duration.ofNanos(System.nanoTime() - restart).toMillis();
        // the approval and its audit event commit in one transaction, but two consumers read them: wait for this
        // one; a second approval would have committed with the second audit event, already seen
        await().atMost(Duration.ofMinutes(1)).until(() -> !approvedOf(approved, ours).isEmpty());

        assertThat(approvedOf(approved, ours)).singleElement().satisfies(a -> {
          assertThat(a.getItem().getEventId()).isEqualTo(chosen);
          assertThat(a.getDecision().getDecision()).isEqualTo(DecisionType.APPROVE);
        });
        for (String id : all) {
          List<AuditEvent> decided = audit.get("review.decide " + id).stream().map(TopicCollector.Arrival::value)
              .toList();
          // a decision on an item the restarted role did not hold would be audited UNKNOWN_REVIEW
          assertThat(decided.get(0).getOutcomeDesc()).as("first decision on " + id).isNull();
          assertThat(pending.get(id)).as("held exactly once: " + id).hasSize(1);
          assertThat(escalations.get(id)).as("escalated exactly once across the kill: " + id).hasSize(1);
        }
        assertThat(audit.get("review.decide " + chosen).get(1).value().getOutcomeDesc()).isEqualTo("ALREADY_DECIDED");
        assertThat(pending.get(probe)).hasSize(1);
        assertThat(escalations.get(probe)).as("rejected before its SLA: never escalated").isEmpty();
        assertThat(approved.get(probe)).isEmpty();
        System.out.printf("[ReviewCrashIT] %d held + %d in flight at SIGKILL; restart on an empty state dir: first "
            + "decision applied to a restored item after %d ms, all escalated after %d ms, all decisions applied "
            + "after %d ms%n", HELD_BEFORE_KILL + 1, IN_FLIGHT_AT_KILL, restoredMs, escalatedMs, releasedMs);
      } finally {
        review.destroy();
        review.waitFor();
      }
      for (int i = 1; i <= 2; i++) {
        assertThat(Files.readString(dir.resolve("review-" + i + ".log"))).doesNotContain("NAME-5e6f7a8b")
            .doesNotContain("book a visit");
      }
    }
  }

  private static Path writeConfig(Path dir, String bootstrap, String registry, String run) throws Exception {
    Path config = dir.resolve("review.properties");
    Files.writeString(config, String.join("\n",
        "kafka.bootstrap.servers=" + bootstrap,
        "schema.registry.url=" + registry,
        "phigate.tenant=crash-it",
        "phigate.instance.id=" + run,
        "topics.partitions=2",
        "topics.replication.factor=1",
        "streams.replication.factor=1",
        "ops.port=0",
        "review.application.id=phigate-review-" + run,
        // every urgent item escalates 20 s after it was produced: before or after the kill, once
        "review.sla.urgent=20s",
        "review.decision.mac.key=" + MAC_KEY,
        "review.sla.check.interval.ms=500",
        // the killed instance's group membership and open transaction expire quickly
        "kafka.session.timeout.ms=6000",
        "kafka.producer.transaction.timeout.ms=10000", ""));
    return config;
  }

  private static Process startReview(Path config, Path stateDir, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), "org.phigate.cli.PhigateCli", "run", "--role", "review",
        "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put(CommonConfig.STATE_DIR.envVar(), stateDir.toString());
    return builder.start();
  }

  private static InferenceResult result(String eventId) {
    return InferenceResult.newBuilder().setEventId(eventId).setTenant("crash-it").setWorkflow("message-triage")
        .setPatientToken("PT-" + eventId.hashCode()).setModelId("crash-it-model").setModelVersion("1")
        .setPromptSha256("00").setLabel("symptom").setConfidence(0.8).setDraftText(DRAFT)
        .setCreatedAt(Instant.now()).setCategory("symptom").setUrgency(Urgency.URGENT).build();
  }

  private static void decide(KafkaProducer<String, ReviewDecision> producer, String eventId, DecisionType type) {
    String reviewId = ReviewStage.reviewId(eventId);
    // signed as the reviewer API signs: the review role refuses unsigned decisions
    producer.send(new ProducerRecord<>(Topics.REVIEW_DECISIONS.name(), reviewId, SIGNER.sign(ReviewDecision.newBuilder()
        .setReviewId(reviewId).setDecision(type).setReviewer("nurse-crash-it").setReviewerRole("reviewer")
        .setIssuer("https://issuer.crash-it.test").setDecidedAt(Instant.now())
        .setReasonCode(type == DecisionType.REJECT ? "NOT_APPROPRIATE" : null).build())));
  }

  private static List<ApprovedResult> approvedOf(TopicCollector<ApprovedResult> approved, Predicate<String> ours) {
    return approved.byKey().entrySet().stream().filter(e -> ours.test(e.getKey()))
        .flatMap(e -> e.getValue().stream()).map(TopicCollector.Arrival::value).toList();
  }

  private static <V> TopicCollector<V> collect(EmbeddedKafkaBroker kafka, TopicSerdes serdes, Topic<String, V> topic,
                                               java.util.function.Function<V, String> key) {
    return new TopicCollector<>(kafka.bootstrapServers(), topic.name(), serdes.valueSerde(topic), key);
  }

  private static <V> KafkaProducer<String, V> producer(EmbeddedKafkaBroker kafka, TopicSerdes serdes,
                                                      Topic<String, V> topic) {
    return ProducerFactory.of(kafka.bootstrapServers()).create(new StringSerializer(),
        serdes.valueSerde(topic).serializer());
  }
}
