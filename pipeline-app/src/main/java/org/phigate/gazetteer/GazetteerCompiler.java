package org.phigate.gazetteer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Build step (maven exec, {@code process-classes}): compiles the lists the manifest {@code deid/gazetteer/lexicons.tsv}
 * names into the prebuilt form {@code deid/gazetteer/gazetteer.bin} that {@link Gazetteer#shipped()} reads. Skips
 * the work when the output is newer than the manifest, every list and the compiler's own classes.
 * Usage: {@code GazetteerCompiler OUTPUT_FILE}.
 */
public final class GazetteerCompiler {
  private GazetteerCompiler() {}

  /** Compiles the shipped lists into {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: GazetteerCompiler OUTPUT_FILE");
    }
    Path out = Path.of(args[0]);
    List<Path> inputs = inputs();
    if (upToDate(out, inputs)) {
      return;
    }
    long t0 = System.nanoTime();
    WordTrie source = WordTrie.read(Gazetteer.shippedSources());
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
      PrebuiltTrie.compile(source).write(o);
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.printf(Locale.ROOT, "gazetteer: %d entries from %d lists compiled into %s (%d bytes) in %d ms%n",
        source.entries, Gazetteer.shippedSources().size(), out.getFileName(), Files.size(out),
        (System.nanoTime() - t0) / 1_000_000);
  }

  private static boolean upToDate(Path out, List<Path> inputs) throws IOException {
    if (!Files.exists(out) || inputs.isEmpty()) {
      return false;
    }
    long built = Files.getLastModifiedTime(out).toMillis();
    for (Path p : inputs) {
      if (Files.getLastModifiedTime(p).toMillis() >= built) {
        return false;
      }
    }
    return true;
  }

  /** The files the output depends on; empty (always rebuild) when one is not a plain file, e.g. inside a jar. */
  private static List<Path> inputs() {
    List<String> resources = new ArrayList<>(List.of(Gazetteer.MANIFEST,
        "/org/phigate/gazetteer/PrebuiltTrie.class", "/org/phigate/gazetteer/WordTrie.class",
        "/org/phigate/gazetteer/Words.class", "/org/phigate/gazetteer/Gazetteer$Kind.class"));
    Gazetteer.shippedSources().forEach(s -> resources.add(s.location()));
    List<Path> out = new ArrayList<>();
    for (String r : resources) {
      URL url = GazetteerCompiler.class.getResource(r);
      if (url == null || !url.getProtocol().equals("file")) {
        return List.of();
      }
      try {
        out.add(Path.of(url.toURI()));
      } catch (URISyntaxException e) {
        throw new UncheckedIOException(new IOException("unreadable location of " + r, e));
      }
    }
    return out;
  }
}
