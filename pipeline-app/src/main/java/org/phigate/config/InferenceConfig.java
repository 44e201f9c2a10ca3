package org.phigate.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Settings of the inference role (egress guard, model, worker pool; reads no PHI topic). */
public record InferenceConfig(CommonConfig common) implements RoleConfig {
  /**
   * Models the runtime can build ({@code org.phigate.inference.models.Models} constructs each, checked by a test):
   * a new model is a new name here and a case there.
   */
  public static final List<String> MODELS = List.of("embedded", "remote");
  public static final ConfigKey<String> APP_ID = ConfigKey.string("inference.application.id", "phigate-inference",
      "Kafka Streams application.id of the inference role.").validate(Validator.nonEmpty());
  public static final ConfigKey<String> WORKFLOWS = ConfigKey.string("inference.workflows",
      "message-triage,note-summary,result-follow-up",
      "Comma-separated workflows that get an AI step; other de-identified events are audited and not sent.")
      .validate(Validator.nonEmptyList());
  public static final ConfigKey<String> MODEL = ConfigKey.string("inference.model", "embedded",
      "Which model the inference role and `phigate ai triage` run: embedded (all-MiniLM-L6-v2 embeddings and a "
          + "trained classifier, offline, in-process) or remote (an OpenAI-compatible chat-completions endpoint "
          + "under a BAA: inference.remote.*). The red-flag safety net runs after every model.")
      .validate(Validator.oneOf(MODELS));
  public static final ConfigKey<String> CRISIS_DETECTOR_WORKFLOWS = ConfigKey.string(
      "inference.crisis.detector.workflows", "message-triage",
      "Comma-separated workflows whose text the safety net's MiniLM crisis detector reads, by the workflow the event "
          + "carries ('*' = every workflow). The red-flag lexicon reads every workflow regardless. Default: "
          + "message-triage, the patient-written portal messages nobody reads until a clinician opens them, which is "
          + "what the detector was fitted and evaluated on; clinician-written notes and lab results get the lexicon.")
      .validate(Validator.matching("\\s*(\\*|[A-Za-z0-9._-]+(\\s*,\\s*[A-Za-z0-9._-]+)*)\\s*",
          "'*' or a comma-separated list of workflow names (letters, digits, '.', '_', '-')"));
  public static final ConfigKey<String> GUARD_DENY_LIST = ConfigKey.string("inference.guard.deny.list", "",
      "Comma-separated site terms the egress guard blocks in every prompt, as whole words, case-insensitive "
          + "(facility names, local identifier formats' fixed parts): a prompt holding one is refused and audited, "
          + "never sent. The inference zone's own list: it holds no deid setting. Treated as a secret (site names "
          + "can be PHI): never printed, and may come from a file (inference.guard.deny.list.file).")
      .validate(Validator.anyText("comma-separated terms (may be empty)")).asSecret();
  public static final ConfigKey<String> REMOTE_BASE_URL = ConfigKey.string("inference.remote.base.url",
      "http://localhost:8000/v1", "Base URL of the OpenAI-compatible API (Azure OpenAI, vLLM, Ollama /v1, a "
          + "gateway); '/chat/completions' is appended.").validate(Validator.url("http", "https"));
  public static final ConfigKey<String> REMOTE_MODEL = ConfigKey.string("inference.remote.model", "gpt-4o-mini",
      "Model (or deployment) name sent with every request.").validate(Validator.nonEmpty());
  public static final ConfigKey<String> REMOTE_API_KEY = ConfigKey.secret("inference.remote.api.key",
      "API key of the remote endpoint (never logged); best from a file (inference.remote.api.key.file) or "
          + "PHIGATE_INFERENCE_REMOTE_API_KEY.").validate(Validator.anyText("the endpoint's API key (may be empty)"));
  public static final ConfigKey<Integer> REMOTE_TIMEOUT_MS = ConfigKey.integer("inference.remote.timeout.ms", 30_000,
      "Timeout of one HTTP call to the remote model (connect and read), in ms.").validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> REMOTE_MAX_TOKENS = ConfigKey.integer("inference.remote.max.output.tokens",
      800, "Upper bound on the tokens the remote model may generate per answer.").validate(Validator.atLeast(16));
  public static final ConfigKey<Boolean> REMOTE_JSON_SCHEMA = ConfigKey.bool("inference.remote.json.schema", true,
      "Send response_format json_schema (strict); false sends json_object for servers without schema support. The "
          + "answer is validated either way.");
  public static final ConfigKey<Integer> RETRY_ATTEMPTS = ConfigKey.integer("inference.retry.max.attempts", 3,
      "Attempts per model call on HTTP 429, 5xx, timeouts or connection errors (1 = no retry).")
      .validate(Validator.between(1, 100));
  public static final ConfigKey<Integer> RETRY_BACKOFF_MS = ConfigKey.integer("inference.retry.backoff.ms", 500,
      "First retry delay in ms; doubles per attempt with +/-50% jitter.").validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> CIRCUIT_FAILURES = ConfigKey.integer("inference.circuit.failures", 5,
      "The circuit opens when this many consecutive model calls failed; open, calls get MODEL_UNAVAILABLE at once.")
      .validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> CIRCUIT_OPEN_MS = ConfigKey.integer("inference.circuit.open.ms", 30_000,
      "How long the circuit stays open before one half-open probe call may close it again, in ms.")
      .validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> WORKERS = ConfigKey.integer("inference.workers", 2,
      "Worker threads that run model calls off the stream threads: the concurrency limit towards the model.")
      .validate(Validator.between(1, 256));
  public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.integer("inference.batch.size", 32,
      "Events handed to a worker at once (one embedding call for the embedded model; remote calls go one by one).")
      .validate(Validator.between(1, 1024));
  public static final ConfigKey<Integer> MAX_IN_FLIGHT = ConfigKey.integer("inference.max.in.flight", 256,
      "Events per partition handed to workers and not yet forwarded; more wait in inference-pending-store.")
      .validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> BUDGET_MS = ConfigKey.integer("inference.budget.ms", 120_000,
      "Wall-clock budget per batch from hand-off to result; when spent, the events get MODEL_UNAVAILABLE results.")
      .validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> PUNCTUATE_MS = ConfigKey.integer("inference.punctuate.ms", 50,
      "How often (wall clock) finished results are forwarded in input order, in ms.").validate(Validator.atLeast(1));
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID, WORKFLOWS, MODEL, CRISIS_DETECTOR_WORKFLOWS,
      GUARD_DENY_LIST, REMOTE_BASE_URL,
      REMOTE_MODEL, REMOTE_API_KEY, REMOTE_TIMEOUT_MS, REMOTE_MAX_TOKENS, REMOTE_JSON_SCHEMA, RETRY_ATTEMPTS,
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
    return Set.copyOf(Validator.items(common.settings().get(WORKFLOWS)));
  }

  /** Workflows whose text the crisis detector reads ({@code *} = every workflow). */
  public Set<String> crisisDetectorWorkflows() {
    return Set.copyOf(Validator.items(common.settings().get(CRISIS_DETECTOR_WORKFLOWS)));
  }

  /** The configured model's name, one of {@link #MODELS}. */
  public String model() {
    return common.settings().get(MODEL);
  }

  /** True when {@link #MODEL} is remote. */
  public boolean remote() {
    return "remote".equals(model());
  }

  /** The egress guard's site deny terms. */
  public List<String> guardDenyList() {
    return Validator.items(common.settings().get(GUARD_DENY_LIST));
  }

  public String remoteBaseUrl() {
    return common.settings().get(REMOTE_BASE_URL).trim();
  }

  public String remoteModel() {
    return common.settings().get(REMOTE_MODEL).trim();
  }

  /** The API key (from the file, the environment or a file named by inference.remote.api.key.file); may be empty. */
  public String remoteApiKey() {
    return common.settings().get(REMOTE_API_KEY).trim();
  }

  public Duration remoteTimeout() {
    return Duration.ofMillis(common.settings().get(REMOTE_TIMEOUT_MS));
  }

  public int remoteMaxOutputTokens() {
    return common.settings().get(REMOTE_MAX_TOKENS);
  }

  public boolean remoteJsonSchema() {
    return common.settings().get(REMOTE_JSON_SCHEMA);
  }

  public int retryAttempts() {
    return common.settings().get(RETRY_ATTEMPTS);
  }

  public Duration retryBackoff() {
    return Duration.ofMillis(common.settings().get(RETRY_BACKOFF_MS));
  }

  public int circuitFailures() {
    return common.settings().get(CIRCUIT_FAILURES);
  }

  public Duration circuitOpen() {
    return Duration.ofMillis(common.settings().get(CIRCUIT_OPEN_MS));
  }

  public int workers() {
    return common.settings().get(WORKERS);
  }

  public int batchSize() {
    return common.settings().get(BATCH_SIZE);
  }

  public int maxInFlight() {
    return common.settings().get(MAX_IN_FLIGHT);
  }

  public Duration budget() {
    return Duration.ofMillis(common.settings().get(BUDGET_MS));
  }

  public Duration punctuateInterval() {
    return Duration.ofMillis(common.settings().get(PUNCTUATE_MS));
  }
}
