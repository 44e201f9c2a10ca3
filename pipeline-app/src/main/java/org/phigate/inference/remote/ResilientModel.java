package org.phigate.inference.remote;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.phigate.inference.Assessment;
import org.phigate.inference.ClinicalModel;
import org.phigate.inference.FallbackAssessments;

/**
 * Wraps a model that can fail (a remote endpoint) with resilience4j: retries with exponential backoff and jitter on
 * HTTP 429, 5xx, timeouts and connection errors, and a circuit breaker that opens after {@code failures} consecutive
 * failed calls, lets one probe through after {@code openFor} and closes when it succeeds. When the retries are spent,
 * the error is not retriable or the circuit is open, the event gets a MODEL_UNAVAILABLE assessment (it still goes to
 * review). Call it from worker threads only: retries sleep. Thread-safe.
 */
public final class ResilientModel implements ClinicalModel {
  private final ClinicalModel delegate;
  private final Retry retry;
  private final CircuitBreaker breaker;

  public ResilientModel(ClinicalModel delegate, int attempts, Duration backoff, int failures, Duration openFor) {
    this.delegate = delegate;
    this.retry = Retry.of("inference-remote", RetryConfig.custom()
        .maxAttempts(attempts)
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(backoff, 2.0, 0.5))
        .retryOnException(ResilientModel::retriable)
        .build());
    this.breaker = CircuitBreaker.of("inference-remote", CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(failures)
        .minimumNumberOfCalls(failures)
        .failureRateThreshold(100.0f)
        .waitDurationInOpenState(openFor)
        .permittedNumberOfCallsInHalfOpenState(1)
        .build());
  }

  @Override
  public Assessment infer(String workflow, String prompt) {
    Supplier<Assessment> call = Retry.decorateSupplier(retry,
        CircuitBreaker.decorateSupplier(breaker, () -> delegate.infer(workflow, prompt)));
    try {
      return call.get();
    } catch (CallNotPermittedException e) {
      return FallbackAssessments.unavailable("", "circuit-open");
    } catch (RuntimeException e) {
      // the type and status only: messages of HTTP errors can echo the request
      return FallbackAssessments.unavailable("", (retriable(e) ? "retries-spent:" : "failed:") + kind(e));
    }
  }

  @Override
  public List<Assessment> inferBatch(String workflow, List<String> prompts) {
    return prompts.stream().map(p -> infer(workflow, p)).toList();
  }

  /** The breaker's state (CLOSED, OPEN, HALF_OPEN), for health checks and tests. */
  public CircuitBreaker.State circuitState() {
    return breaker.getState();
  }

  @Override
  public String modelId() {
    return delegate.modelId();
  }

  @Override
  public String modelVersion() {
    return delegate.modelVersion();
  }

  static boolean retriable(Throwable e) {
    if (e instanceof CallNotPermittedException) {
      return false;
    }
    if (e instanceof RateLimitException || e instanceof InternalServerException || e instanceof TimeoutException) {
      return true;
    }
    if (e instanceof HttpException http) {
      return http.statusCode() == 429 || http.statusCode() == 408 || http.statusCode() >= 500;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String kind(Throwable e) {
    Throwable http = e;
    while (http != null && !(http instanceof HttpException)) {
      http = http.getCause() == http ? null : http.getCause();
    }
    return http instanceof HttpException h ? "http-" + h.statusCode() : e.getClass().getSimpleName();
  }
}
