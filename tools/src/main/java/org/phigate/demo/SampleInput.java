package org.phigate.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** One input file for the demo: a name (the record key), its bytes and content type. */
public record SampleInput(String name, byte[] payload, String contentType) {
  private static final String INDEX = "/samples/INDEX";

  /** The samples shipped in the jar, listed by samples/INDEX. */
  public static List<SampleInput> shipped() {
    List<SampleInput> inputs = new ArrayList<>();
    for (String path : readResource(INDEX).split("\n")) {
      String trimmed = path.trim();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        inputs.add(of(trimmed, readResourceBytes("/samples/" + trimmed)));
      }
    }
    return inputs;
  }

  /** Every *.hl7, *.json and *.xml file under dir, in name order. */
  public static List<SampleInput> fromDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--input " + dir + " is not a directory; give a folder holding *.hl7 "
          + "(HL7 v2 ER7) and *.json (FHIR R4) files");
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<SampleInput> inputs = new ArrayList<>();
      for (Path file : files.filter(Files::isRegularFile).filter(SampleInput::supported).sorted().toList()) {
        inputs.add(of(dir.relativize(file).toString(), Files.readAllBytes(file)));
      }
      if (inputs.isEmpty()) {
        throw new IllegalArgumentException("--input " + dir + " holds no *.hl7 or *.json files");
      }
      return inputs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }

  static boolean supported(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".hl7") || name.endsWith(".json") || name.endsWith(".xml");
  }

  static SampleInput of(String name, byte[] payload) {
    String lower = name.toLowerCase(Locale.ROOT);
    String type = lower.endsWith(".hl7") ? "application/hl7-v2"
        : lower.endsWith(".xml") ? "application/fhir+xml" : "application/fhir+json";
    return new SampleInput(name, payload, type);
  }

  /** HL7 v2 or FHIR, for the summary. */
  public String format() {
    return contentType.contains("hl7") ? "HL7 v2" : "FHIR R4";
  }

  private static String readResource(String path) {
    return new String(readResourceBytes(path), StandardCharsets.UTF_8);
  }

  private static byte[] readResourceBytes(String path) {
    try (InputStream in = SampleInput.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("sample " + path + " is missing from the jar; rebuild with ./phigate build");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
