package org.phigate.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.phigate.catalog.TopicSerdes;
import org.phigate.catalog.Topics;
import org.phigate.config.CommonConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.config.Settings;
import org.phigate.demo.SampleInput;
import org.phigate.embedded.EmbeddedKafkaBroker;
import org.phigate.intake.IntakeGateway;
import org.phigate.runtime.IntakeListeners;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.mllp.MllpClient;
import org.phigate.intake.IntakeStage;
import org.phigate.embedded.InMemorySchemaRegistry;
import org.phigate.runtime.RoleTopologies;
import org.phigate.runtime.TopicProvisioner;
import org.phigate.streams.ProducerFactory;

/**
 * `phigate bench intake`: intake throughput of ADT, ORU and FHIR Bundles over MLLP, FHIR REST and a Kafka producer
 * on the embedded KRaft broker (each acknowledged by the broker, acks=all), beside the HAPI parse-only rate of the
 * same payloads measured in the same run, and the ratio of the two.
 */
public final class IntakeBenchmark {
  private record Payload(String name, String contentType, IntFunction<byte[]> make) {}

  private final int messages;
  private final int senders;
  private final PrintStream out;

  public IntakeBenchmark(int messages, int senders, PrintStream out) {
    this.messages = messages;
    this.senders = senders;
    this.out = out;
  }

  public void run() throws Exception {
    List<Payload> payloads = List.of(
        hl7("ADT^A01", "ADT-A01-01.hl7"), hl7("ORU^R01", "ORU-R01-01.hl7"),
        new Payload("FHIR Bundle", IntakeParser.FHIR_JSON, fhir("Bundle-bundle-transaction.json")));
    Path work = Files.createTempDirectory("phigate-bench-");
    out.println("[bench] starting the embedded KRaft broker ...");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"))) {
      CommonConfig common = new CommonConfig(Settings.of(Map.of(
          CommonConfig.BOOTSTRAP.name(), broker.bootstrapServers(), CommonConfig.TENANT.name(), "bench",
          CommonConfig.EVENT_KEY.name(), org.phigate.security.Keys.randomBase64(), CommonConfig.TOPIC_PARTITIONS.name(), "2",
          CommonConfig.TOPIC_REPLICATION.name(), "1")));
      TopicProvisioner.ensureTopics(common);
      IntakeConfig config = new IntakeConfig(common);
      TopicSerdes serdes = new TopicSerdes(new InMemorySchemaRegistry());
      IntakeStage stage = RoleTopologies.intakeStage(config, IntakeListeners.audit(config, Clock.systemUTC()));
      try (IntakeListeners edges = IntakeListeners.start(config, IntakeGateway.create(config, serdes, stage,
          Clock.systemUTC()), Clock.systemUTC(), 0, 0);
           KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
        out.printf("[bench] %d messages per cell, %d concurrent senders; MLLP validates fully before AA; "
            + "REST validates before 202%n", messages, senders);
        out.printf("%-12s %-6s %10s %12s %14s %8s%n", "payload", "path", "msgs", "msg/s", "HAPI parse/s", "ratio");
        for (Payload p : payloads) {
          double parse = parseRate(p);
          boolean hl7 = p.contentType().equals(IntakeParser.HL7_V2);
          report(p, "kafka", kafka(producer, p), parse);
          report(p, hl7 ? "mllp" : "rest", hl7 ? mllp(edges, p) : rest(edges, p), parse);
        }
      }
    }
  }

  private void report(Payload p, String path, double rate, double parse) {
    out.printf("%-12s %-6s %10d %12.0f %14.0f %8.2f%n", p.name(), path, messages, rate, parse, rate / parse);
  }

  /** HAPI alone on one thread: PipeParser.parse or the FHIR JSON parser, nothing else. */
  private double parseRate(Payload p) {
    boolean hl7 = p.contentType().equals(IntakeParser.HL7_V2);
    HapiContext context = new DefaultHapiContext(ValidationContextFactory.noValidation());
    context.setModelClassFactory(new CanonicalModelClassFactory("2.6"));
    context.getParserConfiguration().setValidating(false);
    PipeParser pipe = context.getPipeParser();
    FhirContext fhir = FhirContext.forR4Cached();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      texts.add(new String(p.make().apply(i), StandardCharsets.UTF_8).replace("\n", "\r"));
    }
    Runnable all = () -> {
      for (String t : texts) {
        try {
          if (hl7) {
            pipe.parse(t);
          } else {
            fhir.newJsonParser().parseResource(t);
          }
        } catch (Exception e) {
          throw new IllegalStateException("sample does not parse (" + e.getClass().getSimpleName() + ")");
        }
      }
    };
    all.run(); // warm-up
    long t0 = System.nanoTime();
    all.run();
    return messages / seconds(t0);
  }

  private double kafka(KafkaProducer<String, byte[]> producer, Payload p) throws Exception {
    warm(i -> sendKafka(producer, p, i));
    long t0 = System.nanoTime();
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      acks.add(sendKafka(producer, p, 1_000_000 + i));
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
    return messages / seconds(t0);
  }

  private Future<RecordMetadata> sendKafka(KafkaProducer<String, byte[]> producer, Payload p, int i) {
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.INTAKE_RAW.name(), "k" + i, p.make().apply(i));
    r.headers().add(Topics.CONTENT_TYPE_HEADER, p.contentType().getBytes(StandardCharsets.UTF_8));
    return producer.send(r);
  }

  private double mllp(IntakeListeners edges, Payload p) throws Exception {
    return concurrently(sender -> {
      try (MllpClient client = MllpClient.connect(edges.mllp().port())) {
        for (int i = sender; i < messages; i += senders) {
          String ack = client.exchange(p.make().apply(2_000_000 + i));
          if (ack == null || !"AA".equals(MllpClient.ackCode(ack))) {
            throw new IllegalStateException("MLLP answered other than AA");
          }
        }
      }
      return null;
    }, () -> {
      try (MllpClient client = MllpClient.connect(edges.mllp().port())) {
        for (int i = 0; i < 200; i++) {
          client.exchange(p.make().apply(3_000_000 + i));
        }
      }
      return null;
    });
  }

  private double rest(IntakeListeners edges, Payload p) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI base = URI.create(edges.rest().baseUrl());
    Sender post = i -> {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base).header("Content-Type", p.contentType())
          .POST(HttpRequest.BodyPublishers.ofByteArray(p.make().apply(i))).build(),
          HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 202) {
        throw new IllegalStateException("REST answered " + r.statusCode());
      }
    };
    return concurrently(sender -> {
      for (int i = sender; i < messages; i += senders) {
        post.send(4_000_000 + i);
      }
      return null;
    }, () -> {
      for (int i = 0; i < 200; i++) {
        post.send(5_000_000 + i);
      }
      return null;
    });
  }

  private interface Sender {
    void send(int i) throws Exception;
  }

  private interface Job {
    Object run(int sender) throws Exception;
  }

  private double concurrently(Job job, java.util.concurrent.Callable<Object> warmUp) throws Exception {
    warmUp.call();
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      long t0 = System.nanoTime();
      List<Future<Object>> done = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        int sender = s;
        done.add(pool.submit(() -> job.run(sender)));
      }
      for (Future<Object> f : done) {
        f.get();
      }
      return messages / seconds(t0);
    } finally {
      pool.shutdownNow();
    }
  }

  private void warm(IntFunction<Future<RecordMetadata>> send) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      acks.add(send.apply(i));
    }
    for (Future<RecordMetadata> a : acks) {
      a.get();
    }
  }

  private static Payload hl7(String name, String file) {
    String text = new String(sample(file), StandardCharsets.ISO_8859_1).replace("\r\n", "\r").replace('\n', '\r');
    String controlId = text.split("\r")[0].split("\\|", -1)[9];
    return new Payload(name, IntakeParser.HL7_V2, i -> text.replaceFirst("\\|" + java.util.regex.Pattern.quote(
        controlId) + "\\|", "|B" + i + "|").getBytes(StandardCharsets.ISO_8859_1));
  }

  private static IntFunction<byte[]> fhir(String file) {
    String text = new String(sample(file), StandardCharsets.UTF_8);
    return i -> text.replaceFirst("\"id\": \"bundle-transaction\"", "\"id\": \"bt-" + i + "\"")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sample(String file) {
    return SampleInput.shipped().stream().filter(s -> s.name().endsWith("/" + file)).findFirst()
        .orElseThrow().payload();
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    return ProducerFactory.of(bootstrap).with(ProducerConfig.LINGER_MS_CONFIG, 5).create(new StringSerializer(),
        new ByteArraySerializer());
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

}
