package org.phigate.deid.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the generated corpora's resource files: plain lines, value lists and {@code --- name} template sections. */
public final class CorpusResources {
  private CorpusResources() {}

  /** Every line of a classpath resource; {@code what} names it in errors (e.g. "frozen corpus templates"). */
  public static List<String> rawLines(String path, String what) {
    try (InputStream in = CorpusResources.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(what + " " + path + " missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + " " + path, e);
    }
  }

  /** The non-blank lines of a list resource, stripped, without {@code #} comments. */
  public static List<String> listLines(String path, String what) {
    return rawLines(path, what).stream().filter(s -> !s.isBlank() && !s.startsWith("#")).map(String::strip).toList();
  }

  /** Template sections by name: each starts at a {@code --- name} line; {@code #} lines before the first are comments. */
  public static Map<String, String> sections(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : lines) {
      if (line.startsWith("#") && name == null) {
        continue;
      }
      if (line.startsWith("--- ")) {
        if (name != null) {
          out.put(name, body.toString().strip());
        }
        name = line.substring(4).strip();
        body.setLength(0);
      } else if (name != null) {
        body.append(line).append('\n');
      }
    }
    if (name != null) {
      out.put(name, body.toString().strip());
    }
    return out;
  }
}
