package org.phigate.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the labelled prototype sentences (workflow, label, sentence per TSV line) the triage model is built from. */
final class PrototypeFile {
  private PrototypeFile() {}

  static Map<String, Map<String, List<String>>> parse(String tsv) {
    Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
    String[] lines = tsv.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (cols.length != 3 || cols[0].isBlank() || cols[1].isBlank() || cols[2].isBlank()) {
        throw new IllegalStateException("prototype line " + (i + 1) + ": expected workflow<TAB>label<TAB>sentence");
      }
      out.computeIfAbsent(cols[0].strip(), k -> new LinkedHashMap<>())
          .computeIfAbsent(cols[1].strip(), k -> new ArrayList<>())
          .add(cols[2].strip());
    }
    Map<String, Map<String, List<String>>> frozen = new LinkedHashMap<>();
    out.forEach((wf, byLabel) -> {
      Map<String, List<String>> labels = new LinkedHashMap<>();
      byLabel.forEach((label, sentences) -> labels.put(label, List.copyOf(sentences)));
      frozen.put(wf, Collections.unmodifiableMap(labels));
    });
    return Collections.unmodifiableMap(frozen);
  }

  static byte[] readResource(String resource) {
    ClassLoader cl = PrototypeFile.class.getClassLoader();
    try (InputStream in = cl.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("prototype resource not found: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prototype resource " + resource, e);
    }
  }
}
