package org.phigate.gazetteer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Build step (maven exec, {@code process-classes}): compiles the lists the manifest {@code deid/gazetteer/lexicons.tsv}
 * names into the prebuilt form {@code deid/gazetteer/gazetteer.bin} that {@link Gazetteer#shipped()} reads. Skips
 * the work while the SHA-256 of the manifest, every list and the classes that shape the output (kept in the
 * fingerprint file) is unchanged: Maven rewrites unchanged class files, so times would not do.
 * Usage: {@code GazetteerCompiler OUTPUT_FILE [FINGERPRINT_FILE]}.
 */
public final class GazetteerCompiler {
  private GazetteerCompiler() {}

  /** Compiles the shipped lists into {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException("usage: GazetteerCompiler OUTPUT_FILE [FINGERPRINT_FILE]");
    }
    Path out = Path.of(args[0]);
    Path stamp = args.length > 1 ? Path.of(args[1]) : out.resolveSibling(out.getFileName() + ".sha256");
    String fingerprint = fingerprint(inputs());
    if (upToDate(out, stamp, fingerprint)) {
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
    Files.writeString(stamp, fingerprint + "\n", StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT, "gazetteer: %d entries from %d lists compiled into %s (%d bytes) in %d ms%n",
        source.entries, Gazetteer.shippedSources().size(), out.getFileName(), Files.size(out),
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** Whether the fingerprint beside the output is that of the inputs now (their content, not their times). */
  private static boolean upToDate(Path out, Path stamp, String fingerprint) throws IOException {
    return !fingerprint.isEmpty() && Files.exists(out) && Files.exists(stamp)
        && Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(fingerprint);
  }

  /** SHA-256 over the inputs' bytes; empty (always rebuild) when one is not a plain file. */
  private static String fingerprint(List<Path> inputs) throws IOException {
    if (inputs.isEmpty()) {
      return "";
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path p : inputs) {
        sha.update(p.toString().getBytes(StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(p));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
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
