package org.phigate.schemas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.AvroRuntimeException;

/**
 * Build gate: every schema must be BACKWARD compatible with its committed baseline (new reader, old writer).
 *
 * <p>Usage: {@code CompatibilityGate CURRENT_DIR BASELINE_DIR}. A type present in the baseline but missing now fails
 * the build; a new type passes. Exit code 1 with one readable line per problem.
 */
public final class CompatibilityGate {

  private CompatibilityGate() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: CompatibilityGate CURRENT_DIR BASELINE_DIR");
      System.exit(2);
    }
    List<String> problems = check(Path.of(args[0]), Path.of(args[1]));
    if (!problems.isEmpty()) {
      System.err.println("Schema compatibility check FAILED (BACKWARD, against " + args[1] + "):");
      problems.forEach(p -> System.err.println("  - " + p));
      System.err.println("Fix the schema (add defaults, do not remove or retype fields), or, for a deliberate "
          + "breaking change, introduce a new type/topic instead of editing this one.");
      System.exit(1);
    }
    System.out.println("Schema compatibility check passed (BACKWARD).");
  }

  /** Returns one message per incompatibility; empty when every current schema can read its baseline's data. */
  public static List<String> check(Path currentDir, Path baselineDir) throws IOException {
    Map<String, Schema> current = parseAll(currentDir);
    Map<String, Schema> baseline = Files.isDirectory(baselineDir) ? parseAll(baselineDir) : Map.of();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Schema> old : baseline.entrySet()) {
      Schema now = current.get(old.getKey());
      if (now == null) {
        problems.add(old.getKey() + ": removed, but the baseline has it (readers of old data would break)");
        continue;
      }
      SchemaCompatibility.SchemaPairCompatibility result =
          SchemaCompatibility.checkReaderWriterCompatibility(now, old.getValue());
      if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
        result.getResult().getIncompatibilities().forEach(i -> problems.add(old.getKey() + ": "
            + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")"));
      }
    }
    return problems;
  }

  /**
   * Parses every .avsc under dir. Files reference each other's named types, so files are parsed in passes until
   * every reference resolves (a fixed point), rather than relying on a hand-kept order.
   */
  static Map<String, Schema> parseAll(Path dir) throws IOException {
    List<Path> pending;
    try (Stream<Path> files = Files.walk(dir)) {
      pending = new ArrayList<>(files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList());
    }
    Map<String, Schema> known = new TreeMap<>();
    while (!pending.isEmpty()) {
      List<Path> deferred = new ArrayList<>();
      String lastError = null;
      for (Path file : pending) {
        Schema.Parser parser = new Schema.Parser();
        parser.addTypes(known.values());
        try {
          Schema schema = parser.parse(file.toFile());
          known.put(schema.getFullName(), schema);
        } catch (AvroRuntimeException e) {
          deferred.add(file);
          lastError = file.getFileName() + ": " + e.getMessage();
        }
      }
      if (deferred.size() == pending.size()) {
        throw new IOException("Cannot resolve schemas in " + dir + "; last error: " + lastError);
      }
      pending = deferred;
    }
    return known;
  }
}
