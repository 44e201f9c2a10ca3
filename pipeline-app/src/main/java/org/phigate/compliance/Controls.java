package org.phigate.compliance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The controls of {@code compliance/controls.tsv}: id, safeguard paragraph, description, remediation. */
public final class Controls {
  private static final String RESOURCE = "/compliance/controls.tsv";

  private Controls() {}

  /** The shipped controls, in file order. */
  public static List<Control> shipped() {
    try (InputStream in = Controls.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static List<Control> parse(List<String> lines) {
    List<Control> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#") || line.startsWith("id\t")) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != 4) {
        throw new IllegalStateException(RESOURCE + " line " + (i + 1) + ": expected 4 tab-separated cells "
            + "(id, safeguard, description, remediation), found " + cells.length);
      }
      out.add(new Control(cells[0].trim(), Safeguard.of(cells[1]), cells[2].trim(), cells[3].trim()));
    }
    return List.copyOf(out);
  }
}
