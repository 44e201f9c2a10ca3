package org.phigate.inference.remote;

import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import org.phigate.inference.ClinicalModel;

/** Builds the remote model: LangChain4j's OpenAI-compatible client, the strict template, retries and breaker. */
public final class RemoteModels {
  private RemoteModels() {}

  /**
   * Settings of the remote model.
   *
   * @param apiKey secret; never logged (request and response logging stay off)
   */
  public record Settings(String baseUrl, String modelName, String apiKey, Duration timeout, int maxOutputTokens,
                         boolean jsonSchema, int attempts, Duration backoff, int circuitFailures,
                         Duration circuitOpen) {
    @Override
    public String toString() {
      return "Settings[baseUrl=" + baseUrl + ", modelName=" + modelName + ", apiKey=***]";
    }
  }

  /** The resilient remote model. */
  public static ResilientModel create(Settings s) {
    OpenAiChatModel chat = OpenAiChatModel.builder()
        .baseUrl(s.baseUrl())
        .apiKey(s.apiKey().isEmpty() ? "none" : s.apiKey())
        .modelName(s.modelName())
        .timeout(s.timeout())
        .maxTokens(s.maxOutputTokens())
        .temperature(0.0)
        .strictJsonSchema(s.jsonSchema())
        // retries are ResilientModel's (with the breaker); LangChain4j's own would hide failures from it
        .maxRetries(0)
        .logRequests(false)
        .logResponses(false)
        .build();
    ClinicalModel remote = new RemoteTriageModel(chat, s.modelName(), s.jsonSchema(), RemotePromptTemplate.shipped(),
        InjectionCues.shipped());
    return new ResilientModel(remote, s.attempts(), s.backoff(), s.circuitFailures(), s.circuitOpen());
  }
}
