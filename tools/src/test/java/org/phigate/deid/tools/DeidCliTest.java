package org.phigate.deid.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.cli.CliRun;
import org.phigate.deid.notes.JsonLines;
import org.phigate.tools.ToolsCli;

class DeidCliTest {
  private static final String NOTE = "Pt Zebulonia Quixtrot seen 03/14/2024, call 617-555-0123. Parkinson's disease.";

  @TempDir
  Path dir;

  private String run(String... args) {
    CliRun run = CliRun.with(ToolsCli::execute, args);
    assertThat(run.exit()).as(String.join(" ", args) + "\n" + run.err()).isZero();
    return run.out();
  }

  private Path input() throws Exception {
    Path in = dir.resolve("in.jsonl");
    Files.writeString(in, "{\"id\": \"n1\", \"text\": " + JsonLines.JSON.writeValueAsString(NOTE) + "}\n"
        + "not json at all\n{\"id\": 2, \"text\": \"No PHI here. BP 120/80.\"}\n");
    return in;
  }

  @Test
  void shouldWriteFindingsWithExactOffsetsCategoryDetectorAndConfidenceAndSkipBadLines() throws Exception {
    Path out = dir.resolve("out.jsonl");
    run("deid", "detect", "--input", input().toString(), "--output", out.toString());

    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(2);
    JsonNode first = JsonLines.JSON.readTree(lines.get(0));
    assertThat(first.path("id").asText()).isEqualTo("n1");
    assertThat(first.path("findings")).allSatisfy(f -> {
      assertThat(f.path("detector").asText()).isNotBlank();
      assertThat(f.path("confidence").asDouble()).isBetween(0.0, 1.0);
    });
    assertThat(first.path("findings")).anySatisfy(f -> {
      assertThat(f.path("category").asText()).isEqualTo("PHONE");
      assertThat(NOTE.substring(f.path("start").asInt(), f.path("end").asInt())).isEqualTo("617-555-0123");
    });
    assertThat(first.path("findings")).anySatisfy(f -> {
      assertThat(f.path("category").asText()).isEqualTo("NAME");
      assertThat(NOTE.substring(f.path("start").asInt(), f.path("end").asInt())).isEqualTo("Zebulonia Quixtrot");
    });
    assertThat(first.path("findings")).noneSatisfy(f ->
        assertThat(NOTE.substring(f.path("start").asInt(), f.path("end").asInt())).contains("Parkinson"));
    assertThat(JsonLines.JSON.readTree(lines.get(1)).path("findings")).isEmpty();
  }

  @Test
  void shouldRedactTextKeepingClinicalContent() throws Exception {
    Path out = dir.resolve("red.jsonl");
    run("deid", "redact", "--input", input().toString(), "--output", out.toString());
    String text = JsonLines.JSON.readTree(Files.readAllLines(out).get(0)).path("text").asText();
    assertThat(text).doesNotContain("Quixtrot").doesNotContain("617-555-0123").doesNotContain("03/14")
        .contains("2024").contains("Parkinson's disease").contains("[NAME-");
  }

  @Test
  void shouldGenerateAReproducibleCorpusAndScoreItAsATable() throws Exception {
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    run("deid", "corpus", "--count", "60", "--seed", "5", "--output", a.toString());
    run("deid", "corpus", "--count", "60", "--seed", "5", "--output", b.toString());
    assertThat(Files.readString(a)).isEqualTo(Files.readString(b));
    assertThat(JsonLines.readAll(a, System.err)).extracting(n -> n.kind()).contains("nursing", "discharge",
        "portal", "referral", "radiology", "phone");

    String table = run("deid", "eval", "--gold", a.toString(), "--by-kind");
    assertThat(table).contains("recall-any", "recall-full", "strict", "precision", "F2", "retention", "patient+relative",
        "NAME", "DATE", "kind radiology");

    Path predictions = dir.resolve("pred.jsonl");
    run("deid", "detect", "--input", a.toString(), "--output", predictions.toString());
    String fromFile = run("deid", "eval", "--gold", a.toString(), "--predictions", predictions.toString());
    assertThat(fromFile.lines().filter(l -> l.startsWith("ALL")).findFirst())
        .isEqualTo(table.lines().filter(l -> l.startsWith("ALL")).findFirst());
  }

  @Test
  void shouldTellTheUserWhatToDoWhenTheInputIsMissing() {
    CliRun run = CliRun.with(ToolsCli::execute, "deid", "detect", "--input", dir.resolve("missing.jsonl").toString(),
        "--output", dir.resolve("o.jsonl").toString());
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("does not exist");
  }

  @Test
  void shouldBenchmarkAgainstBaselinesInOneRun() {
    String out = run("deid", "bench", "--count", "30", "--seconds", "0.2");
    assertThat(out).contains("MB/s per core", "plain regex scan (baseline)", "pattern-only detectors (baseline)",
        "full detector", "ratio full/plain-regex", "load average", "NER model alone", "ratio NER-alone/plain-regex");
  }
}
