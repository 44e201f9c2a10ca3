package org.phigate.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.inference.embedded.MiniLmEmbedder;
import org.phigate.streams.ProducerFactory;

/**
 * Runs one phase of the end-to-end bench: produces the messages to intake.raw (paced or as fast as possible), waits
 * until every hop has seen them, and measures throughput, latency per hop and CPU per role.
 */
final class PhaseRunner {
  private static final List<String> PIPELINE_HOPS = List.of(Topics.INTAKE_RAW.name(),
      Topics.EVENTS_NORMALIZED.name(), Topics.PHI_DETECTED.name(), Topics.EVENTS_DEIDENTIFIED.name(),
      Topics.AI_RESULTS.name(), Topics.REVIEW_PENDING.name());
  private final String bootstrap;
  private final TopicSerdes serdes;
  private final boolean autoApprove;
  private final Duration timeout;
  private final String decisionMacKey;

  PhaseRunner(String bootstrap, TopicSerdes serdes, boolean autoApprove, Duration timeout, String decisionMacKey) {
    this.bootstrap = bootstrap;
    this.serdes = serdes;
    this.autoApprove = autoApprove;
    this.timeout = timeout;
    this.decisionMacKey = decisionMacKey;
  }

  /** The messages through the identity pipeline, measured up to its last hop. */
  Phase identity(String name, List<MessageMix.Message> messages) throws Exception {
    List<String> hops = IdentityPipeline.HOPS.stream().map(IdentityPipeline::topic).toList();
    String last = hops.get(hops.size() - 1);
    int n = messages.size();
    long start = System.currentTimeMillis();
    try (HopRecorder recorder = new HopRecorder(bootstrap, hops, serdes, start).start(r -> { })) {
      return drive(name, hops.get(0), messages, 0, recorder, hops, last, null,
          () -> recorder.count(last) >= n, () -> recorder.count(last), start);
    }
  }

  /**
   * The messages through the PHIGate roles (at {@code rate} msg/s when > 0), measured up to review.pending and, with
   * --auto-approve, on to the EHR.
   */
  Phase pipeline(String name, List<MessageMix.Message> messages, double rate) throws Exception {
    List<String> topics = new ArrayList<>(PIPELINE_HOPS);
    topics.add(Topics.AUDIT_EVENTS.name());
    topics.add(Topics.EHR_OUTCOMES.name());
    topics.add(Topics.EHR_DLQ.name());
    int n = messages.size();
    // the phases reuse the mix's 400 generated notes, which de-identify to the same text; without this the model
    // and the crisis detector would look up the vectors an earlier phase computed instead of running MiniLM
    MiniLmEmbedder.shared().clearCache();
    long start = System.currentTimeMillis();
    try (AutoApprover approver = new AutoApprover(autoApprove, bootstrap, serdes, decisionMacKey);
         HopRecorder recorder = new HopRecorder(bootstrap, topics, serdes, start).start(approver)) {
      BooleanSupplier done = () -> recorder.audit("intake.normalize") + recorder.audit("intake.reject")
          + recorder.audit("intake.duplicate") >= n
          && recorder.audit("deid.redact") >= recorder.audit("intake.normalize")
          && recorder.audit("inference.run") >= recorder.audit("deid.redact")
          && recorder.count(Topics.REVIEW_PENDING.name()) >= recorder.count(Topics.AI_RESULTS.name())
          && (!autoApprove || recorder.count(Topics.EHR_OUTCOMES.name())
          + recorder.count(Topics.EHR_DLQ.name()) >= approver.approved());
      return drive(name, Topics.INTAKE_RAW.name(), messages, rate, recorder, PIPELINE_HOPS,
          Topics.REVIEW_PENDING.name(), autoApprove ? Topics.EHR_OUTCOMES.name() : null, done,
          () -> (int) recorder.audit("inference.run"), start).withEhrOutcomes(approver.outcomes());
    }
  }

  /** Produces the messages (paced when {@code rate} > 0), waits for {@code done} with a progress bar, measures. */
  private Phase drive(String name, String rawTopic, List<MessageMix.Message> messages, double rate,
                      HopRecorder recorder, List<String> hops, String endTopic, String ehrTopic, BooleanSupplier done,
                      IntSupplier progressCount, long start) throws Exception {
    RoleCpu cpu = new RoleCpu();
    cpu.mark();
    BrokerRequests requests = new BrokerRequests();
    requests.mark();
    String loadAtStart = BenchFormat.load();
    var memory = ManagementFactory.getMemoryMXBean();
    double peakHeap = 0;
    int n = messages.size();
    long sendStart = System.currentTimeMillis();
    ProgressBar bar = new ProgressBar(name, n, System.err);
    try (KafkaProducer<String, byte[]> producer = ProducerFactory.of(bootstrap)
        .with(ProducerConfig.LINGER_MS_CONFIG, 5)
        .create(new StringSerializer(), new ByteArraySerializer())) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        if (rate > 0) {
          long due = t0 + (long) (i * 1e9 / rate);
          while (System.nanoTime() < due) {
            LockSupport.parkNanos(due - System.nanoTime()); // pacing the offered load, not synchronization
          }
          if (i % 50 == 0) {
            peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed() / 1048576.0);
            bar.show(progressCount.getAsInt());
          }
        }
        MessageMix.Message m = messages.get(i);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(rawTopic, null, System.currentTimeMillis(),
            name + "-" + i, m.payload());
        record.headers().add(Topics.CONTENT_TYPE_HEADER, m.contentType().getBytes(StandardCharsets.UTF_8));
        producer.send(record);
      }
      producer.flush();
    }
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (!recorder.await(done, 500)) {
      peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed() / 1048576.0);
      bar.show(progressCount.getAsInt());
      if (System.currentTimeMillis() > deadline) {
        bar.done();
        throw new IllegalStateException(name + ": not finished within " + timeout.toSeconds() + " s ("
            + progressCount.getAsInt() + "/" + n + "); raise --timeout or lower --messages");
      }
    }
    bar.show(n);
    bar.done();
    Map<String, RoleCpu.Usage> roles = cpu.since();
    Map<String, Long> brokerRequests = requests.since();
    long end = hops.stream().mapToLong(recorder::lastAt).max().orElse(0) + (start - sendStart);
    double seconds = Math.max(1, end) / 1000.0;
    Map<String, double[]> hopLatency = new LinkedHashMap<>();
    double previous = 0;
    for (String hop : hops) {
      double[] p = Phase.percentiles(recorder.seen(hop));
      hopLatency.put(hop, new double[] {p[0], p[1], Math.max(0, p[0] - previous), recorder.count(hop)});
      previous = p[0];
    }
    List<HopRecorder.Seen> timeline = recorder.seen(endTopic);
    return new Phase(name, n, rate, seconds, n / seconds, hopLatency, Phase.percentiles(timeline),
        ehrTopic == null ? null : Phase.percentiles(recorder.seen(ehrTopic)), roles, peakHeap, timeline,
        recorder.failures(), Map.of(), loadAtStart + "-" + BenchFormat.load(),
        hops.stream().filter(h -> h.endsWith("ai.results")).mapToInt(recorder::count).sum(), brokerRequests);
  }
}
