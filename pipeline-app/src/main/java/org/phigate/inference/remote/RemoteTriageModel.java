package org.phigate.inference.remote;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.phigate.inference.Assessment;
import org.phigate.inference.ClinicalModel;
import org.phigate.inference.FallbackAssessments;
import org.phigate.inference.PromptBuilder;
import org.phigate.schema.Urgency;

/**
 * A model behind an OpenAI-compatible chat-completions endpoint (through LangChain4j): the strict template, the
 * JSON-constrained answer parsed and validated, one retry on an invalid answer and then a MODEL_OUTPUT_INVALID
 * assessment; the served model and system fingerprint recorded per answer. A document with injection cues gets the
 * red flag {@value InjectionCues#RED_FLAG} and at least urgency URGENT. HTTP failures propagate (see
 * {@link ResilientModel}). Thread-safe.
 */
public final class RemoteTriageModel implements ClinicalModel {
  /** Answers tried per prompt before it is MODEL_OUTPUT_INVALID. */
  static final int ANSWER_ATTEMPTS = 2;

  private final ChatModel chat;
  private final String modelName;
  private final boolean jsonSchema;
  private final RemotePromptTemplate template;
  private final RemoteAnswerParser parser;
  private final InjectionCues cues;

  public RemoteTriageModel(ChatModel chat, String modelName, boolean jsonSchema, RemotePromptTemplate template,
                           InjectionCues cues) {
    this.chat = Objects.requireNonNull(chat, "chat");
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    this.jsonSchema = jsonSchema;
    this.template = Objects.requireNonNull(template, "template");
    this.parser = new RemoteAnswerParser(template.limits());
    this.cues = Objects.requireNonNull(cues, "cues");
  }

  @Override
  public Assessment infer(String workflow, String prompt) {
    RemotePromptTemplate.Task task = template.task(workflow);
    String invalid = "";
    String served = null;
    for (int attempt = 0; attempt < ANSWER_ATTEMPTS; attempt++) {
      ChatResponse response = chat.chat(template.request(task, prompt, jsonSchema));
      served = served(response);
      try {
        return screened(parser.parse(task, response.aiMessage().text()), prompt).withServedModel(served);
      } catch (InvalidAnswerException e) {
        invalid = e.getMessage();
      }
    }
    return FallbackAssessments.invalidOutput(task.id(), invalid).withServedModel(served);
  }

  private Assessment screened(Assessment a, String prompt) {
    int body = prompt.indexOf(PromptBuilder.BODY_MARKER);
    List<String> found = cues.find(body < 0 ? prompt : prompt.substring(body + PromptBuilder.BODY_MARKER.length()));
    if (found.isEmpty()) {
      return a;
    }
    List<String> flags = new ArrayList<>(a.redFlags());
    if (!flags.contains(InjectionCues.RED_FLAG)) {
      flags.add(InjectionCues.RED_FLAG);
    }
    Urgency urgency = a.urgency() == null || a.urgency().compareTo(Urgency.URGENT) < 0 ? Urgency.URGENT : a.urgency();
    return new Assessment(a.task(), a.category(), a.confidence(), urgency,
        a.rationale() + " [injection cues: " + String.join(",", found) + "; urgency not below urgent]", flags,
        a.draftText(), a.summary(), a.needsAction(), a.status(), a.servedModel());
  }

  private String served(ChatResponse response) {
    String name = response.modelName() != null ? response.modelName() : modelName;
    if (response.metadata() instanceof OpenAiChatResponseMetadata meta && meta.systemFingerprint() != null) {
      return name + "+" + meta.systemFingerprint();
    }
    return name;
  }

  @Override
  public String modelId() {
    return "openai-compatible:" + modelName;
  }

  @Override
  public String modelVersion() {
    return modelName;
  }
}
