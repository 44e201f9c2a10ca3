package org.phigate.deid.tools;

import org.phigate.deid.cli.DeidCommand;
import org.phigate.deid.notes.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.phigate.deid.detect.Findings;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.eval.GoldCoverage;
import org.phigate.deid.notes.JsonLines;
import org.phigate.deid.notes.Note;
import org.phigate.deid.notes.NoteDetection;
import org.phigate.deid.eval.ScoreTable;
import org.phigate.deid.eval.Scorer;
import org.phigate.deid.eval.BuiltInCorpora;
import org.phigate.deid.eval.SideBySide;
import org.phigate.schema.PhiFinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate deid eval`: recall (any-overlap, full-coverage), precision, F2 and retention against gold spans. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Score detection against gold spans (lines {\"id\",\"text\",\"spans\":[{\"start\",\"end\","
        + "\"category\"}]}). Runs the detector on the gold texts, or scores a `deid detect` output (--predictions).")
public final class EvalCommand implements Callable<Integer> {
  @Option(names = "--gold", paramLabel = "GOLD.jsonl", description = "A gold corpus file (or use --corpus).")
  Path gold;

  @Option(names = "--corpus", split = ",", paramLabel = "NAME", description = "Built-in corpora, side by side: "
      + "frozen (the committed frozen evaluation corpus, never used to choose rules), dev (the development corpus, "
      + "600 notes, seed 1), dev-hard (the hard development corpus, 400 notes: unlisted names and towns in the forms "
      + "the frozen corpus tests).")
  List<String> corpora;

  @Option(names = {"--predictions", "--input"}, paramLabel = "PRED.jsonl",
      description = "Findings from `deid detect` for the same ids; omitted: detect now.")
  Path predictions;

  @Option(names = "--config", paramLabel = "FILE", description = "Detector settings (deid.* keys).")
  Path config;

  @Option(names = "--ablate", description = "Also score the detector with each shipped name or place list left out "
      + "of the gazetteer pass in turn (what each list adds to recall), with --corpus.")
  boolean ablate;

  @Option(names = "--by-kind", description = "Also print one table per note kind.")
  boolean byKind;

  @Option(names = "--title", description = "Table title (default: the gold file name).")
  String title;

  @Option(names = "--show-misses", paramLabel = "N", defaultValue = "0", description = "Print up to N gold spans "
      + "not fully covered, with their text: for synthetic or public corpora only, never for real PHI.")
  int showMisses;

  @Override
  public Integer call() {
    if ((gold == null) == (corpora == null)) {
      throw new IllegalArgumentException("give either --gold FILE or --corpus frozen,dev");
    }
    if (gold != null) {
      score(title == null ? gold.getFileName().toString() : title, JsonLines.readAll(gold, System.err));
      return 0;
    }
    if (predictions != null) {
      throw new IllegalArgumentException("--predictions goes with --gold, not with --corpus");
    }
    Map<String, Scorer> all = new java.util.LinkedHashMap<>();
    if (showMisses > 0 && corpora.contains("frozen")) {
      throw new IllegalArgumentException("--show-misses never reads the frozen corpus: aggregate scores only");
    }
    for (String name : corpora) {
      all.put(name, score(name, BuiltInCorpora.load(name)));
    }
    if (all.size() > 1) {
      SideBySide.print(all, System.out);
    }
    if (ablate) {
      ablate(all);
    }
    return 0;
  }

  private void ablate(Map<String, Scorer> full) {
    org.phigate.config.DeidConfig settings = DeidCommand.config(config);
    Map<String, List<Note>> notes = new java.util.LinkedHashMap<>();
    corpora.forEach(c -> notes.put(c, BuiltInCorpora.load(c)));
    System.out.println("== ablation: full-coverage recall ALL / NAME / GEO and precision ALL, one list left out");
    System.out.printf("%-22s %s%n", "left out", String.join("   ", notes.keySet()));
    row("(nothing)", full);
    List<String> lists = org.phigate.deid.eval.Ablation.nameAndPlaceLists();
    List<java.util.Set<String>> leftOut = new java.util.ArrayList<>(lists.stream().map(java.util.Set::of).toList());
    leftOut.add(java.util.Set.copyOf(lists));
    for (java.util.Set<String> without : leftOut) {
      String list = without.size() == 1 ? without.iterator().next() : "(all " + without.size() + " lists)";
      NoteDetection detection = new NoteDetection(org.phigate.deid.eval.Ablation.detector(settings, without));
      Map<String, Scorer> scores = new java.util.LinkedHashMap<>();
      notes.forEach((c, ns) -> {
        Scorer s = new Scorer();
        ns.forEach(n -> s.add(n, detection.detect(n)));
        scores.put(c, s);
      });
      row(list, scores);
    }
    System.out.println();
  }

  private static void row(String label, Map<String, Scorer> scores) {
    StringBuilder line = new StringBuilder(String.format("%-22s", label));
    scores.values().forEach(s -> line.append(String.format(" %s/%s/%s p%s", cell(s, Scorer.ALL), cell(s, "NAME"),
        cell(s, "GEO"), s.rows().containsKey(Scorer.ALL) ? ScoreTable.fmt(Scorer.precision(s.rows().get(Scorer.ALL)))
        : "-")));
    System.out.println(line);
  }

  private static String cell(Scorer s, String category) {
    Scorer.Row r = s.rows().get(category);
    return r == null ? "-" : ScoreTable.fmt(Scorer.recallFull(r));
  }

  private Scorer score(String name, List<Note> notes) {
    if (notes.isEmpty()) {
      throw new IllegalArgumentException("no gold notes in " + name + "; generate some with `phigate deid corpus`");
    }
    Map<String, List<PhiFinding>> predicted = predictions == null ? detect(notes) : read(predictions);
    Scorer all = new Scorer();
    Map<String, Scorer> kinds = new TreeMap<>();
    int shown = 0;
    for (Note note : notes) {
      List<PhiFinding> p = predicted.getOrDefault(note.id(), List.of());
      all.add(note, p);
      kinds.computeIfAbsent(note.kind().isEmpty() ? "-" : note.kind(), k -> new Scorer()).add(note, p);
      shown = misses(note, p, shown);
    }
    ScoreTable.print(name, all, System.out);
    if (byKind) {
      kinds.forEach((kind, scorer) -> ScoreTable.print("kind " + kind, scorer, System.out));
    }
    return all;
  }

  private int misses(Note note, List<PhiFinding> p, int shown) {
    for (Note.Span s : note.spans()) {
      if (shown >= showMisses || NoteDetection.category(s.category()).isEmpty()) {
        continue;
      }
      boolean[] covered = new boolean[note.text().length()];
      for (PhiFinding f : p) {
        java.util.Arrays.fill(covered, Math.max(0, f.getStart()), Math.min(covered.length, Math.max(0, f.getEnd())),
            true);
      }
      boolean full = GoldCoverage.full(note.text(), s, covered);
      if (!full) {
        shown++;
        int from = Math.max(0, s.start() - 30);
        int to = Math.min(note.text().length(), s.end() + 30);
        System.out.printf("miss %s %s [%s] ...%s...%n", note.id(), s.category(),
            note.text().substring(s.start(), Math.min(s.end(), note.text().length())),
            note.text().substring(from, to).replace('\n', ' '));
      }
    }
    // false alarms: findings overlapping no gold span (what precision and retention count against)
    for (PhiFinding f : p) {
      boolean overlaps = note.spans().stream().anyMatch(s -> s.start() < f.getEnd() && f.getStart() < s.end());
      if (shown < showMisses && !overlaps && f.getStart() >= 0 && f.getEnd() <= note.text().length()) {
        shown++;
        int from = Math.max(0, f.getStart() - 30);
        int to = Math.min(note.text().length(), f.getEnd() + 30);
        System.out.printf("false %s %s %s [%s] ...%s...%n", note.id(), f.getCategory(), f.getDetector(),
            note.text().substring(f.getStart(), f.getEnd()), note.text().substring(from, to).replace('\n', ' '));
      }
    }
    return shown;
  }

  private Map<String, List<PhiFinding>> detect(List<Note> notes) {
    NoteDetection detection = new NoteDetection(PhiDetector.fromConfig(DeidCommand.config(config)));
    Progress progress = new Progress(System.err, "eval detect");
    Map<String, List<PhiFinding>> out = new HashMap<>();
    for (Note note : notes) {
      try {
        out.put(note.id(), detection.detect(note));
      } catch (RuntimeException e) {
        System.err.println("[deid] note " + note.id() + " could not be scanned (" + e.getClass().getSimpleName()
            + "); scored as no findings");
      }
      progress.add(note.text().length());
    }
    progress.done();
    return out;
  }

  static Map<String, List<PhiFinding>> read(Path file) {
    Map<String, List<PhiFinding>> out = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        try {
          JsonNode node = JsonLines.JSON.readTree(line);
          List<PhiFinding> findings = new ArrayList<>();
          for (JsonNode f : node.path("findings")) {
            NoteDetection.category(f.path("category").asText()).ifPresent(c -> findings.add(Findings.span(c,
                NoteDetection.TEXT_PATH, f.path("start").asInt(), f.path("end").asInt(),
                f.path("detector").asText("external"), f.path("confidence").asDouble(1.0))));
          }
          out.put(node.path("id").asText(), findings);
        } catch (IOException | RuntimeException e) {
          System.err.println("[deid] " + file.getFileName() + " line " + lineNo + " skipped: not a findings line");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read predictions " + file + "; pass the output of `deid detect`", e);
    }
    return out;
  }
}
