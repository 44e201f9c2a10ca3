package org.phigate.inference.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phigate.inference.EgressGuard;
import org.phigate.inference.InferenceService;
import org.phigate.inference.PromptBuilder;
import org.phigate.inference.ClinicalModel;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.InferenceResult;
import org.phigate.schema.SourceFormat;
import org.phigate.schema.TextPart;

/**
 * Portal-message triage over JSON lines, exactly as the inference role does it (prompt, egress guard, model,
 * red-flag safety net), in batches: shared by {@code phigate ai triage}, {@code ai eval} and {@code bench ai}.
 */
public final class TriageRun {
  public static final ObjectMapper JSON = new ObjectMapper();
  /** Messages per model batch (the embedder sorts them by length into padded ONNX runs). */
  public static final int BATCH = 256;
  private static final String WORKFLOW = "message-triage";

  /** One input line: an id and de-identified text, plus whatever else the line holds (labels for eval). */
  public record Item(String id, String text, JsonNode line) {}

  /**
   * One output: the result, and the guard rule that kept the text from the model (then the result is the
   * EGRESS_BLOCKED fallback, urgent or higher), else null.
   */
  public record Output(Item item, InferenceResult result, String blockedRule) {}

  private final InferenceService service;
  private final Clock clock = Clock.systemUTC();

  public TriageRun(ClinicalModel model, EgressGuard guard) {
    this.service = new InferenceService(new PromptBuilder(), guard, model);
  }

  public InferenceService service() {
    return service;
  }

  /** Reads {"id","text",...} lines; a line without text fails with its line number (never its content). */
  public static List<Item> read(Path input) {
    try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
      return read(in, input.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + input + "; check the path", e);
    }
  }

  /** Reads {"id","text",...} lines from {@code in}; {@code source} names it in errors. */
  public static List<Item> read(BufferedReader in, String source) throws IOException {
    List<Item> items = new ArrayList<>();
    String line;
    int n = 0;
    while ((line = in.readLine()) != null) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        throw new IllegalArgumentException(source + " line " + n + " is not a JSON object");
      }
      if (!node.path("text").isTextual()) {
        throw new IllegalArgumentException(source + " line " + n + " has no \"text\" string");
      }
      items.add(new Item(node.path("id").asText("line-" + n), node.get("text").asText(), node));
    }
    return items;
  }

  /** Triage of every item, in input order, one model batch per {@value #BATCH} items. */
  public List<Output> run(List<Item> items) {
    List<Output> out = new ArrayList<>(items.size());
    for (int from = 0; from < items.size(); from += BATCH) {
      List<Item> batch = items.subList(from, Math.min(items.size(), from + BATCH));
      List<InferenceService.Attempt> checked = service.runBatch(
          batch.stream().map(TriageRun::event).toList(), clock);
      for (int i = 0; i < batch.size(); i++) {
        InferenceService.Attempt c = checked.get(i);
        out.add(new Output(batch.get(i), c.result(), c.blocked() == null ? null : c.blocked().rule()));
      }
    }
    return out;
  }

  /** A de-identified portal message event around {@code text}, as intake and deid would hand it on. */
  public static DeidentifiedEvent event(Item item) {
    return DeidentifiedEvent.newBuilder()
        .setEventId(item.id())
        .setTenant("cli")
        .setSourceFormat(SourceFormat.FHIR_R4)
        .setMessageType("Communication")
        .setWorkflow(WORKFLOW)
        .setReceivedAt(Instant.EPOCH)
        .setPatientToken("")
        .setPolicyId("cli")
        .setFields(List.of())
        .setTextParts(List.of(new TextPart("Communication.payload.contentString", item.text())))
        .setPhiCategoryCounts(Map.of())
        .build();
  }

  /**
   * The output line: {"id","category","urgency","rationale","redFlags","model",...,"status"}; a text the guard kept
   * from the model has status EGRESS_BLOCKED and the guard's "rule" (never the matched text).
   */
  public static String line(Output o) {
    ObjectNode n = JSON.createObjectNode().put("id", o.item().id());
    InferenceResult r = o.result();
    n.put("category", r.getCategory());
    n.put("urgency", r.getUrgency() == null ? null : r.getUrgency().name().toLowerCase(Locale.ROOT));
    n.put("rationale", r.getRationale());
    r.getRedFlags().forEach(n.putArray("redFlags")::add);
    if (!n.has("redFlags")) {
      n.putArray("redFlags");
    }
    n.put("model", r.getModelId() + "@" + r.getModelVersion());
    n.put("urgencySource", r.getUrgencySource() == null ? null : r.getUrgencySource().name());
    n.put("modelUrgency", r.getModelUrgency() == null ? null : r.getModelUrgency().name().toLowerCase(Locale.ROOT));
    n.put("escalate", r.getEscalate());
    n.put("draft", r.getDraftText());
    n.put("status", r.getStatus().name());
    if (o.blockedRule() != null) {
      n.put("rule", o.blockedRule());
    }
    return n.toString();
  }
}
