package org.phigate.inference.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.phigate.inference.Assessment;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.Urgency;

/**
 * Parses and validates a remote model's answer against the task: one JSON object with exactly the template's fields,
 * allowed category and urgency, confidence in [0, 1], red-flag ids and text lengths within the limits. Anything
 * else is an {@link InvalidAnswerException}. Thread-safe.
 */
public final class RemoteAnswerParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RED_FLAG = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern FENCE = Pattern.compile("(?s)^```(?:json)?\\s*(.*?)\\s*```$");

  private final RemotePromptTemplate.Limits limits;

  public RemoteAnswerParser(RemotePromptTemplate.Limits limits) {
    this.limits = limits;
  }

  public Assessment parse(RemotePromptTemplate.Task task, String answer) throws InvalidAnswerException {
    if (answer == null || answer.isBlank()) {
      throw new InvalidAnswerException("empty-answer");
    }
    String text = answer.strip();
    var fenced = FENCE.matcher(text);
    if (fenced.matches()) {
      text = fenced.group(1);
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidAnswerException("not-json");
    }
    if (!(node instanceof ObjectNode obj)) {
      throw new InvalidAnswerException("not-an-object");
    }
    HashSet<String> names = new HashSet<>();
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    if (!names.equals(new HashSet<>(RemotePromptTemplate.FIELDS))) {
      throw new InvalidAnswerException("fields");
    }
    String category = text(obj, "category");
    if (!task.categories().contains(category)) {
      throw new InvalidAnswerException("category");
    }
    String urgency = text(obj, "urgency");
    if (!RemotePromptTemplate.URGENCIES.contains(urgency)) {
      throw new InvalidAnswerException("urgency");
    }
    JsonNode confidence = obj.get("confidence");
    if (!confidence.isNumber() || !(confidence.asDouble() >= 0 && confidence.asDouble() <= 1)) {
      throw new InvalidAnswerException("confidence");
    }
    String rationale = bounded(obj, "rationale", limits.rationaleChars());
    if (rationale.isBlank()) {
      throw new InvalidAnswerException("rationale");
    }
    String draft = bounded(obj, "draftReply", limits.draftChars());
    String summary = bounded(obj, "summary", limits.summaryChars());
    if (!obj.get("needsAction").isBoolean()) {
      throw new InvalidAnswerException("needsAction");
    }
    JsonNode flags = obj.get("redFlags");
    if (!flags.isArray() || flags.size() > limits.redFlagCount()) {
      throw new InvalidAnswerException("redFlags");
    }
    List<String> redFlags = new ArrayList<>();
    for (JsonNode flag : flags) {
      String id = flag.isTextual() ? flag.asText().strip().toLowerCase(Locale.ROOT) : "";
      if (id.length() > limits.redFlagChars() || !RED_FLAG.matcher(id).matches()) {
        throw new InvalidAnswerException("redFlags");
      }
      redFlags.add(id);
    }
    return new Assessment(task.id(), category, confidence.asDouble(),
        Urgency.valueOf(urgency.toUpperCase(Locale.ROOT)), rationale.strip(), redFlags, draft.strip(),
        summary.isBlank() ? null : summary.strip(), obj.get("needsAction").asBoolean(), ResultStatus.OK);
  }

  private static String text(ObjectNode obj, String field) throws InvalidAnswerException {
    JsonNode value = obj.get(field);
    if (value == null || !value.isTextual()) {
      throw new InvalidAnswerException(field);
    }
    return value.asText();
  }

  private static String bounded(ObjectNode obj, String field, int max) throws InvalidAnswerException {
    String value = text(obj, field);
    if (value.length() > max) {
      throw new InvalidAnswerException(field + "-too-long");
    }
    return value;
  }
}
