package org.phigate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.phigate.registry.SchemaRegistryClient;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.Urgency;
import org.phigate.schema.UrgencySource;

class AvroWireFormatTest {
  private static final String NEEDLE = "Zebulonia Quixtrot";

  @Test
  void shouldNameTypeSchemaAndFailureButNoContentWhenARecordIsCutShort() {
    AvroWireFormat<InferenceResult> format = new AvroWireFormat<>(InferenceResult.class, new Registry());
    byte[] bytes = format.serialize("phigate.ai.results", result(NEEDLE, 3));
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 40);

    assertThatThrownBy(() -> format.deserialize(cut))
        .isInstanceOfSatisfying(UndecodableRecordException.class, e -> {
          assertThat(e.reason()).startsWith("InferenceResult:schema-1:").endsWith(":" + cut.length + "-bytes");
          assertThat(e.reason()).doesNotContain("Zebulonia").isEqualTo(e.getMessage());
        });
  }

  @Test
  void shouldSayWhenBytesAreNotConfluentWireFormat() {
    AvroWireFormat<InferenceResult> format = new AvroWireFormat<>(InferenceResult.class, new Registry());

    assertThatThrownBy(() -> format.deserialize(new byte[] {1, 2}))
        .isInstanceOfSatisfying(UndecodableRecordException.class,
            e -> assertThat(e.reason()).isEqualTo("InferenceResult:not-wire-format:2-bytes"));
  }

  @Test
  void shouldRoundTripEveryRecordWhenManyThreadsShareOneFormat() throws Exception {
    AvroWireFormat<InferenceResult> format = new AvroWireFormat<>(InferenceResult.class, new Registry());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger decoded = new AtomicInteger();
    try {
      List<CompletableFuture<Void>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        runs.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < 500; i++) {
            InferenceResult sent = result("x".repeat((thread * 500 + i) % 3000), i % 5);
            assertThat(format.deserialize(format.serialize("phigate.ai.results", sent))).isEqualTo(sent);
            decoded.incrementAndGet();
          }
        }, pool));
      }
      CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdownNow();
    }
    assertThat(decoded).hasValue(4000);
  }

  private static InferenceResult result(String draft, int flags) {
    List<String> redFlags = new ArrayList<>();
    for (int i = 0; i < flags; i++) {
      redFlags.add("flag-" + i);
    }
    return InferenceResult.newBuilder().setEventId("ev-1").setTenant("t").setWorkflow("portal-triage")
        .setPatientToken("PT_1").setModelId("m").setModelVersion("1").setPromptSha256("00").setLabel("routine")
        .setConfidence(0.5).setDraftText(draft).setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .setCategory("other").setUrgency(Urgency.ROUTINE).setUrgencySource(UrgencySource.MODEL)
        .setModelUrgency(Urgency.ROUTINE).setRationale("r").setRedFlags(redFlags).setEscalate(false)
        .setSummary(null).setNeedsAction(null).setStatus(ResultStatus.OK).setTask("triage").build();
  }

  /** Registry with one id per distinct schema, as the real ones. */
  private static final class Registry implements SchemaRegistryClient {
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
      for (Map.Entry<Integer, Schema> e : byId.entrySet()) {
        if (e.getValue().equals(schema)) {
          return e.getKey();
        }
      }
      byId.put(byId.size() + 1, schema);
      return byId.size();
    }

    @Override
    public Schema getById(int id) {
      // a parsed copy, as a registry client gives: the reader then resolves writer against reader schema
      return new Schema.Parser().parse(byId.get(id).toString());
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
      return true;
    }

    @Override
    public RegisteredSchema latest(String subject) {
      throw new UnsupportedOperationException("not used");
    }
  }
}
