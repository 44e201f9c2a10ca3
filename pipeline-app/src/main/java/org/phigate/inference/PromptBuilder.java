package org.phigate.inference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.phigate.schema.DeidentifiedEvent;
import org.phigate.schema.TextPart;

/**
 * Builds the exact model input from a de-identified event, following the minimum-necessary
 * rule: the workflow, the message type, the PHI category counts (how much was redacted, a
 * useful signal for the reviewer, never the values) and the de-identified free-text parts.
 * Structured fields ({@code fields}), ids, tenant, patient token, policy and timestamps are
 * deliberately left out: the model needs none of them.
 *
 * <p>Format (stable; the prompt hash in every result depends on it):
 *
 * <pre>
 * workflow: message-triage
 * message-type: Communication
 * phi-category-counts: DATE=1, NAME=2
 * ### text
 * first text part
 *
 * second text part
 * </pre>
 *
 * <p>Not final: tests stand in a builder that throws, to show an event still gets a held result.
 */
public class PromptBuilder {

  /** Line that separates the header from the text parts; models read the body after it. */
  public static final String BODY_MARKER = "### text";

  public String build(DeidentifiedEvent event) {
    Objects.requireNonNull(event, "event");
    StringBuilder sb = new StringBuilder(256);
    sb.append("workflow: ").append(oneLine(event.getWorkflow())).append('\n');
    sb.append("message-type: ").append(oneLine(event.getMessageType())).append('\n');
    sb.append("phi-category-counts: ").append(counts(event.getPhiCategoryCounts())).append('\n');
    sb.append(BODY_MARKER).append('\n');
    boolean first = true;
    if (event.getTextParts() != null) {
      for (TextPart part : event.getTextParts()) {
        String text = part == null || part.getText() == null ? "" : normalize(part.getText());
        if (text.isBlank()) {
          continue;
        }
        if (!first) {
          sb.append('\n');
        }
        sb.append(text).append('\n');
        first = false;
      }
    }
    return sb.toString();
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String sha256Hex(String text) {
    Objects.requireNonNull(text, "text");
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 not available", e);
    }
  }

  private static String counts(Map<String, Integer> counts) {
    if (counts == null || counts.isEmpty()) {
      return "none";
    }
    return new TreeMap<>(counts).entrySet().stream()
        .map(e -> oneLine(e.getKey()) + "=" + (e.getValue() == null ? 0 : e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** Header values must stay on one line so the body marker cannot be forged. */
  private static String oneLine(String value) {
    return value == null ? "" : value.replaceAll("\\p{Cntrl}", " ").strip();
  }

  /** Normalizes line endings, drops other control characters, trims, and neutralizes a forged marker. */
  private static String normalize(String text) {
    String t = text.replace("\r\n", "\n").replace('\r', '\n')
        .replaceAll("[\\p{Cntrl}&&[^\n\t]]", " ")
        .strip();
    return t.replace(BODY_MARKER, "## text");
  }
}
