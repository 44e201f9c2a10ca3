package org.phigate.deid.notes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads and writes the {@code deid} JSONL formats. A line that is not a JSON object with a string {@code text} is
 * skipped and reported by line number only (never its content), so one bad line never stops a run.
 */
public final class JsonLines {
  public static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  /** Streams every valid note of {@code file} to {@code sink}; returns how many lines were skipped. */
  public static int read(Path file, PrintStream err, Consumer<Note> sink) {
    int skipped = 0;
    int lineNo = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        Note note = parse(line, lineNo);
        if (note == null) {
          skipped++;
          if (skipped <= 10) {
            err.println("[deid] " + file.getFileName() + " line " + lineNo + " skipped: expected a JSON object with a "
                + "string \"text\" (and \"id\"); fix or remove the line");
          }
        } else {
          sink.accept(note);
        }
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("input file " + file + " does not exist; pass an existing JSONL file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
    if (skipped > 10) {
      err.println("[deid] " + (skipped - 10) + " more invalid lines skipped");
    }
    return skipped;
  }

  public static List<Note> readAll(Path file, PrintStream err) {
    List<Note> out = new ArrayList<>();
    read(file, err, out::add);
    return out;
  }

  static Note parse(String line, int lineNo) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (node == null || !node.isObject() || !node.path("text").isTextual()) {
      return null;
    }
    String id = node.path("id").isValueNode() ? node.path("id").asText() : "line-" + lineNo;
    List<Note.Span> spans = new ArrayList<>();
    for (JsonNode s : node.path("spans")) {
      if (s.path("start").canConvertToInt() && s.path("end").canConvertToInt()) {
        spans.add(new Note.Span(s.path("start").asInt(), s.path("end").asInt(), s.path("category").asText(""),
            s.path("party").asText("")));
      }
    }
    List<Note.Known> known = new ArrayList<>();
    for (JsonNode k : node.path("known")) {
      if (k.path("category").isTextual() && k.path("value").isTextual()) {
        known.add(new Note.Known(k.path("category").asText(), k.path("value").asText()));
      }
    }
    return new Note(id, node.path("kind").asText(""), node.path("text").asText(), spans, known);
  }

  /** A gold or input line for {@code note}. */
  public static String write(Note note, boolean withSpans) {
    ObjectNode o = JSON.createObjectNode().put("id", note.id());
    if (!note.kind().isEmpty()) {
      o.put("kind", note.kind());
    }
    o.put("text", note.text());
    if (withSpans) {
      ArrayNode spans = o.putArray("spans");
      note.spans().forEach(s -> spans.addObject().put("start", s.start()).put("end", s.end())
          .put("category", s.category()).put("party", s.party()));
    }
    if (!note.known().isEmpty()) {
      ArrayNode known = o.putArray("known");
      note.known().forEach(k -> known.addObject().put("category", k.category()).put("value", k.value()));
    }
    return o.toString();
  }

  public static Writer writer(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + " (" + e.getClass().getSimpleName() + "); check the "
          + "folder exists and is writable", e);
    }
  }

  /** Writes one line (and its newline) to a JSONL output. */
  public static void writeLine(Writer out, String line) {
    try {
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write output; check disk space and permissions", e);
    }
  }
}
