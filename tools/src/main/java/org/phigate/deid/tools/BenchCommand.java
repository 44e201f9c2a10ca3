package org.phigate.deid.tools;

import org.phigate.deid.cli.DeidCommand;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.deid.corpus.CorpusGenerator;
import org.phigate.config.DeidConfig;
import org.phigate.deid.detect.NerDetector;
import org.phigate.deid.detect.NerModel;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.notes.JsonLines;
import org.phigate.deid.notes.Note;
import org.phigate.deid.notes.NoteDetection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `phigate deid bench`: free-text detection throughput in MB/s per core (thread CPU time, one thread) on the generated
 * corpus or a gold file, beside two baselines in the same run: a plain regex scan and the pattern-only detector set;
 * with {@code deid.ner.enabled}, also the NER model alone (its detector without the rules).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Detection throughput (MB/s per core) with a plain-regex and a pattern-only baseline.")
public final class BenchCommand implements Callable<Integer> {
  /** A plain scan: one alternation of the commonest PHI shapes, no validation, no dictionaries. */
  static final Pattern PLAIN = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|\\(?\\d{3}\\)?[ .-]"
      + "\\d{3}-\\d{4}|\\d{3}-\\d{2}-\\d{4}|[\\w.+-]+@[\\w-]+\\.[\\w.]+|\\b(?:Mr|Mrs|Ms|Dr)\\.? [A-Z][a-z]+");

  @Option(names = "--gold", paramLabel = "GOLD.jsonl", description = "Texts to scan (default: generated corpus).")
  Path gold;

  @Option(names = "--count", defaultValue = "1200", description = "Generated notes when --gold is not given.")
  int count;

  @Option(names = "--seed", defaultValue = "7")
  long seed;

  @Option(names = "--seconds", defaultValue = "5", description = "Measured time per detector set (after warm-up).")
  double seconds;

  @Option(names = "--config", paramLabel = "FILE")
  Path config;

  @Override
  public Integer call() throws Exception {
    List<Note> notes = gold == null ? CorpusGenerator.generate(List.of("all"), count, seed)
        : JsonLines.readAll(gold, System.err);
    if (notes.isEmpty()) {
      throw new IllegalArgumentException("nothing to benchmark: the gold file has no notes");
    }
    long bytes = notes.stream().mapToLong(n -> n.text().getBytes(StandardCharsets.UTF_8).length).sum();
    System.out.printf("benchmark: %d notes, %.2f MB per pass, %d cores, load average %s%n", notes.size(), bytes / 1e6,
        Runtime.getRuntime().availableProcessors(), load());
    DeidConfig settings = DeidCommand.config(config);
    NoteDetection full = new NoteDetection(PhiDetector.fromConfig(settings));
    NoteDetection patterns = new NoteDetection(new PhiDetector(PhiDetector.patternDetectors()));
    double plain = run("plain regex scan (baseline)", notes, bytes, n -> {
      Matcher m = PLAIN.matcher(n.text());
      int c = 0;
      while (m.find()) {
        c++;
      }
      return c;
    });
    double pattern = run("pattern-only detectors (baseline)", notes, bytes, n -> patterns.detect(n).size());
    if (settings.nerEnabled()) {
      NoteDetection ner = new NoteDetection(new PhiDetector(List.of(new NerDetector(nerModel(settings),
          settings.nerThreshold()))));
      double model = run("NER model alone (" + settings.nerModelClass().replaceAll(".*\\.", "") + ")", notes, bytes,
          n -> ner.detect(n).size());
      System.out.printf("ratio NER-alone/plain-regex %.3f%n", model / plain);
    }
    double all = run("full detector (patterns+cues+dictionaries" + (settings.nerEnabled() ? "+NER)" : ")"), notes,
        bytes, n -> full.detect(n).size());
    System.out.printf("ratio full/plain-regex %.3f, full/pattern-only %.3f%n", all / plain, all / pattern);
    return 0;
  }

  private double run(String name, List<Note> notes, long bytes, ToIntFunction<Note> scan) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (Note n : notes) {
      sink += scan.applyAsInt(n);
    }
    long cpu0 = mx.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    long passes = 0;
    while (System.nanoTime() - wall0 < seconds * 1e9) {
      for (Note n : notes) {
        sink += scan.applyAsInt(n);
      }
      passes++;
    }
    double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double wall = (System.nanoTime() - wall0) / 1e9;
    double mbPerCpuSecond = bytes * passes / 1e6 / cpu;
    System.out.printf("%-46s %8.2f MB/s per core (CPU) %8.2f MB/s wall  %6.0f notes/s  [%d passes, %d hits]%n", name,
        mbPerCpuSecond, bytes * passes / 1e6 / wall, notes.size() * passes / cpu, passes, sink);
    return mbPerCpuSecond;
  }

  private static NerModel nerModel(DeidConfig settings) throws ReflectiveOperationException {
    return (NerModel) Class.forName(settings.nerModelClass()).getDeclaredConstructor().newInstance();
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
