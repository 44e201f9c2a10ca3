package org.phigate.runtime;

import org.phigate.streams.StreamsProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.phigate.audit.AuditArchiver;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.ArchiverConfig;
import org.phigate.config.CommonConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.config.ReviewConfig;
import org.phigate.config.RoleConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts and stops a set of roles in this JVM: one KafkaStreams per Streams role, a thread for the archiver. */
public final class PipelineRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineRuntime.class);
  private static final int MAX_THREAD_REPLACEMENTS = 3;
  private final Map<Role, KafkaStreams> streams = new LinkedHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private AuditArchiver archiver;
  private IntakeListeners intakeListeners;
  private ReviewEdge reviewEdge;

  private PipelineRuntime() {}

  /**
   * Validates the settings for these roles (every problem listed at once, before any client is created), then
   * starts them.
   */
  public static PipelineRuntime start(List<Role> roles, CommonConfig common, TopicSerdes serdes, Clock clock) {
    Role.validate(common, roles);
    PipelineRuntime runtime = new PipelineRuntime();
    try {
      for (Role role : roles) {
        if (role == Role.AUDIT_ARCHIVER) {
          runtime.archiver = new AuditArchiver(new ArchiverConfig(common), serdes);
          Thread thread = new Thread(runtime.archiver, "phigate-audit-archiver");
          thread.start();
          runtime.threads.add(thread);
          continue;
        }
        RoleConfig config = role.config(common);
        Topology topology = RoleTopologies.build(role, common, serdes, clock);
        java.util.Properties props = StreamsProperties.forRole(config,
            RoleTopologies.deadLetters(role, common, serdes, clock));
        if (config instanceof ReviewConfig review && review.apiEnabled()) {
          // interactive queries across review instances find each other through this address
          props.put(org.apache.kafka.streams.StreamsConfig.APPLICATION_SERVER_CONFIG, review.advertisedAddress());
        }
        KafkaStreams app = new KafkaStreams(topology, props);
        AtomicInteger replacements = new AtomicInteger();
        app.setUncaughtExceptionHandler(e -> {
          // exception text can quote record content: log the class only
          LOG.error("role {} stream thread died ({})", role.id(), e.getClass().getSimpleName());
          return replacements.incrementAndGet() <= MAX_THREAD_REPLACEMENTS
              ? StreamThreadExceptionResponse.REPLACE_THREAD : StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        app.setStateListener((now, before) -> runtime.stateChanged());
        app.start();
        runtime.streams.put(role, app);
        if (role == Role.INTAKE) {
          runtime.intakeListeners = startEdges(new IntakeConfig(common), serdes, clock);
        }
        if (config instanceof ReviewConfig review && review.apiEnabled()) {
          runtime.reviewEdge = ReviewEdge.start(review, serdes, app, clock);
        }
      }
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    return runtime;
  }

  /** The intake role's MLLP/REST edges when the config asks for any, else null. */
  private static IntakeListeners startEdges(IntakeConfig intake, TopicSerdes serdes, Clock clock) {
    return IntakeListeners.wanted(intake) ? IntakeListeners.start(intake, serdes,
        RoleTopologies.intakeStage(intake, IntakeListeners.audit(intake, clock)), clock) : null;
  }

  /** Wakes {@link #awaitRunning} when a Streams role changes state (called on that role's threads). */
  private synchronized void stateChanged() {
    notifyAll();
  }

  /**
   * Blocks until every Streams role is RUNNING, or throws naming the roles that are not (after the timeout, as soon as
   * one has failed, or when the waiting thread is interrupted).
   */
  public void awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      // every state change notifies under this monitor, so checking and waiting here cannot miss one
      long left;
      while ((left = deadline - System.nanoTime()) > 0) {
        if (streams.values().stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING)) {
          return;
        }
        if (streams.values().stream().anyMatch(s -> !s.state().isRunningOrRebalancing()
            && s.state() != KafkaStreams.State.CREATED)) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    Map<String, String> states = new LinkedHashMap<>();
    streams.forEach((role, s) -> states.put(role.id(), s.state().name()));
    throw new IllegalStateException("roles did not reach RUNNING: " + states
        + "; check that the brokers in kafka.bootstrap.servers are reachable and the log for the failing role");
  }

  public Map<Role, KafkaStreams.State> states() {
    Map<Role, KafkaStreams.State> states = new LinkedHashMap<>();
    streams.forEach((role, s) -> states.put(role, s.state()));
    return states;
  }

  /** The running Streams apps by role (for metrics binding). */
  public Map<Role, KafkaStreams> streams() {
    return java.util.Collections.unmodifiableMap(streams);
  }

  /** The intake role's MLLP/REST edges, or null when none is configured. */
  public IntakeListeners intakeListeners() {
    return intakeListeners;
  }

  /** The review role's reviewer API, or null when review.api.port is not set. */
  public ReviewEdge reviewEdge() {
    return reviewEdge;
  }

  public AuditArchiver archiver() {
    return archiver;
  }

  @Override
  public void close() {
    if (intakeListeners != null) {
      intakeListeners.close(); // stop taking messages before the stages stop
    }
    if (reviewEdge != null) {
      reviewEdge.close();
    }
    List<Role> reversed = new ArrayList<>(streams.keySet());
    java.util.Collections.reverse(reversed);
    for (Role role : reversed) {
      streams.get(role).close(Duration.ofSeconds(30));
    }
    if (archiver != null) {
      archiver.stop();
    }
    for (Thread thread : threads) {
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
