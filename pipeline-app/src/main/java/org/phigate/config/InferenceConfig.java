package org.phigate.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Settings of the inference role (egress guard, model, worker pool; reads no PHI topic). */
public record InferenceConfig(CommonConfig common) implements RoleConfig {
  public static final ConfigKey<String> APP_ID = ConfigKey.string("inference.application.id", "phigate-inference",
      "Kafka Streams application.id of the inference role.");
  public static final ConfigKey<String> WORKFLOWS = ConfigKey.string("inference.workflows",
      "message-triage,note-summary,result-follow-up",
      "Comma-separated workflows that get an AI step; other de-identified events are audited and not sent.");
  public static final ConfigKey<String> MODEL = ConfigKey.string("inference.model", "embedded",
      "Which model runs: 'embedded' (offline MiniLM classifier in the jar) or 'remote' (an OpenAI-compatible "
          + "chat-completions endpoint under a BAA: inference.remote.*).");
  public static final ConfigKey<String> REMOTE_BASE_URL = ConfigKey.string("inference.remote.base.url",
      "http://localhost:8000/v1", "Base URL of the OpenAI-compatible API (Azure OpenAI, vLLM, Ollama /v1, a gateway); "
          + "'/chat/completions' is appended.");
  public static final ConfigKey<String> REMOTE_MODEL = ConfigKey.string("inference.remote.model", "gpt-4o-mini",
      "Model (or deployment) name sent with every request.");
  public static final ConfigKey<String> REMOTE_API_KEY = ConfigKey.secret("inference.remote.api.key",
      "API key of the remote endpoint (never logged). Prefer inference.remote.api.key.file or the environment.");
  public static final ConfigKey<String> REMOTE_API_KEY_FILE = ConfigKey.string("inference.remote.api.key.file", "",
      "File holding the API key (first line); used when inference.remote.api.key is empty.");
  public static final ConfigKey<Integer> REMOTE_TIMEOUT_MS = ConfigKey.integer("inference.remote.timeout.ms", 30_000,
      "Timeout of one HTTP call to the remote model (connect and read), in ms.");
  public static final ConfigKey<Integer> REMOTE_MAX_TOKENS = ConfigKey.integer("inference.remote.max.output.tokens",
      800, "Upper bound on the tokens the remote model may generate per answer.");
  public static final ConfigKey<Boolean> REMOTE_JSON_SCHEMA = ConfigKey.bool("inference.remote.json.schema", true,
      "Send response_format json_schema (strict); false sends json_object for servers without schema support. The "
          + "answer is validated either way.");
  public static final ConfigKey<Integer> RETRY_ATTEMPTS = ConfigKey.integer("inference.retry.max.attempts", 3,
      "Attempts per model call on HTTP 429, 5xx, timeouts or connection errors (1 = no retry).");
  public static final ConfigKey<Integer> RETRY_BACKOFF_MS = ConfigKey.integer("inference.retry.backoff.ms", 500,
      "First retry delay in ms; doubles per attempt with +/-50% jitter.");
  public static final ConfigKey<Integer> CIRCUIT_FAILURES = ConfigKey.integer("inference.circuit.failures", 5,
      "The circuit opens when this many consecutive model calls failed; open, calls get MODEL_UNAVAILABLE at once.");
  public static final ConfigKey<Integer> CIRCUIT_OPEN_MS = ConfigKey.integer("inference.circuit.open.ms", 30_000,
      "How long the circuit stays open before one half-open probe call may close it again, in ms.");
  public static final ConfigKey<Integer> WORKERS = ConfigKey.integer("inference.workers", 2,
      "Worker threads that run model calls off the stream threads: the concurrency limit towards the model.");
  public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.integer("inference.batch.size", 32,
      "Events handed to a worker at once (one embedding call for the embedded model; remote calls go one by one).");
  public static final ConfigKey<Integer> MAX_IN_FLIGHT = ConfigKey.integer("inference.max.in.flight", 256,
      "Events per partition handed to workers and not yet forwarded; more wait in inference-pending-store.");
  public static final ConfigKey<Integer> BUDGET_MS = ConfigKey.integer("inference.budget.ms", 120_000,
      "Wall-clock budget per batch from hand-off to result; when spent, the events get MODEL_UNAVAILABLE results.");
  public static final ConfigKey<Integer> PUNCTUATE_MS = ConfigKey.integer("inference.punctuate.ms", 50,
      "How often (wall clock) finished results are forwarded in input order, in ms.");
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID, WORKFLOWS, MODEL, REMOTE_BASE_URL, REMOTE_MODEL,
      REMOTE_API_KEY, REMOTE_API_KEY_FILE, REMOTE_TIMEOUT_MS, REMOTE_MAX_TOKENS, REMOTE_JSON_SCHEMA, RETRY_ATTEMPTS,
      RETRY_BACKOFF_MS, CIRCUIT_FAILURES, CIRCUIT_OPEN_MS, WORKERS, BATCH_SIZE, MAX_IN_FLIGHT, BUDGET_MS, PUNCTUATE_MS);

  @Override
  public String role() {
    return "inference";
  }

  @Override
  public List<ConfigKey<?>> keys() {
    return KEYS;
  }

  @Override
  public String applicationId() {
    return common.settings().get(APP_ID);
  }

  public Set<String> workflows() {
    return Arrays.stream(common.settings().get(WORKFLOWS).split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** True when inference.model is 'remote'. */
  public boolean remote() {
    String model = common.settings().get(MODEL).trim();
    return switch (model) {
      case "embedded" -> false;
      case "remote" -> true;
      default -> throw new ConfigException(MODEL.name() + " must be 'embedded' or 'remote'");
    };
  }

  public String remoteBaseUrl() {
    String url = common.settings().get(REMOTE_BASE_URL).trim();
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      throw new ConfigException(REMOTE_BASE_URL.name() + " must be an http(s) URL");
    }
    return url;
  }

  public String remoteModel() {
    String model = common.settings().get(REMOTE_MODEL).trim();
    if (model.isEmpty()) {
      throw new ConfigException(REMOTE_MODEL.name() + " must not be empty");
    }
    return model;
  }

  /** The API key: inference.remote.api.key, else the first line of inference.remote.api.key.file, else empty. */
  public String remoteApiKey() {
    String key = common.settings().get(REMOTE_API_KEY).trim();
    String file = common.settings().get(REMOTE_API_KEY_FILE).trim();
    if (!key.isEmpty() || file.isEmpty()) {
      return key;
    }
    try {
      return Files.readAllLines(Path.of(file)).stream().findFirst().orElse("").trim();
    } catch (IOException e) {
      // names the file, never its content
      throw new ConfigException("cannot read " + REMOTE_API_KEY_FILE.name() + " " + file + ": "
          + e.getClass().getSimpleName());
    }
  }

  public Duration remoteTimeout() {
    return Duration.ofMillis(atLeast(REMOTE_TIMEOUT_MS, 1));
  }

  public int remoteMaxOutputTokens() {
    return atLeast(REMOTE_MAX_TOKENS, 16);
  }

  public boolean remoteJsonSchema() {
    return common.settings().get(REMOTE_JSON_SCHEMA);
  }

  public int retryAttempts() {
    return atLeast(RETRY_ATTEMPTS, 1);
  }

  public Duration retryBackoff() {
    return Duration.ofMillis(atLeast(RETRY_BACKOFF_MS, 1));
  }

  public int circuitFailures() {
    return atLeast(CIRCUIT_FAILURES, 1);
  }

  public Duration circuitOpen() {
    return Duration.ofMillis(atLeast(CIRCUIT_OPEN_MS, 1));
  }

  public int workers() {
    return atLeast(WORKERS, 1);
  }

  public int batchSize() {
    return atLeast(BATCH_SIZE, 1);
  }

  public int maxInFlight() {
    return atLeast(MAX_IN_FLIGHT, 1);
  }

  public Duration budget() {
    return Duration.ofMillis(atLeast(BUDGET_MS, 1));
  }

  public Duration punctuateInterval() {
    return Duration.ofMillis(atLeast(PUNCTUATE_MS, 1));
  }

  private int atLeast(ConfigKey<Integer> key, int min) {
    int value = common.settings().get(key);
    if (value < min) {
      throw new ConfigException(key.name() + " must be at least " + min);
    }
    return value;
  }
}
