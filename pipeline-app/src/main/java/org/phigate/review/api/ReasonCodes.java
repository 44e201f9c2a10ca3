package org.phigate.review.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The reason codes a reviewer may give, read from {@code review/reason-codes.tsv} (data, not code). */
public final class ReasonCodes {
  private static final String RESOURCE = "/review/reason-codes.tsv";
  private final Map<String, Set<String>> actionsByCode;

  private ReasonCodes(Map<String, Set<String>> actionsByCode) {
    this.actionsByCode = Map.copyOf(actionsByCode);
  }

  /** The shipped list. */
  public static ReasonCodes shipped() {
    try (InputStream in = ReasonCodes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      Map<String, Set<String>> codes = new LinkedHashMap<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t");
        codes.put(cells[0].trim(), Set.copyOf(Arrays.asList(cells[1].trim().split(","))));
      }
      return new ReasonCodes(codes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the code exists and applies to the action (reject, request-redraft). */
  public boolean allows(String code, String action) {
    Set<String> actions = actionsByCode.get(code);
    return actions != null && actions.contains(action);
  }

  public Set<String> codes() {
    return actionsByCode.keySet();
  }

  /** The codes that apply to an action (reject or request-redraft), in file order. */
  public java.util.List<String> codesFor(String action) {
    return actionsByCode.entrySet().stream().filter(e -> e.getValue().contains(action)).map(Map.Entry::getKey)
        .toList();
  }
}
