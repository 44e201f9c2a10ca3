package org.phigate.inference.safety;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the tab-separated data files of the safety net (and of the embedded model) from the classpath. */
public final class Resources {
  private Resources() {}

  /** The UTF-8 text of a classpath resource; fails with the resource name when it is missing. */
  public static String text(String resource) {
    try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource not found on the classpath: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource, e);
    }
  }

  /** Non-comment, non-blank lines split at tabs; every line must have {@code columns} columns. */
  public static List<String[]> rows(String resource, int columns) {
    List<String[]> out = new ArrayList<>();
    String[] lines = text(resource).split("\\R");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank() || lines[i].startsWith("#")) {
        continue;
      }
      String[] cols = lines[i].split("\t", -1);
      if (cols.length != columns) {
        throw new IllegalStateException(resource + " line " + (i + 1) + ": expected " + columns
            + " tab-separated columns, found " + cols.length);
      }
      out.add(cols);
    }
    return out;
  }

  /** Parts of a " | "-separated list, stripped, without empties. */
  public static List<String> alternatives(String column) {
    List<String> out = new ArrayList<>();
    for (String s : column.split("\\|")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }
}
