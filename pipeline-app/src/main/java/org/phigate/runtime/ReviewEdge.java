package org.phigate.runtime;

import java.time.Clock;
import org.apache.kafka.streams.KafkaStreams;
import org.phigate.audit.AuditEvents;
import org.phigate.catalog.TopicSerdes;
import org.phigate.config.ReviewConfig;
import org.phigate.review.api.KafkaReviewSinks;
import org.phigate.review.api.ReasonCodes;
import org.phigate.review.api.ReviewApi;
import org.phigate.review.api.ReviewApiServer;
import org.phigate.review.api.StreamsReviewQueries;
import org.phigate.review.auth.DecisionMac;
import org.phigate.review.auth.TokenValidator;
import org.phigate.review.web.PageSettings;
import org.phigate.security.tls.TlsContexts;
import org.phigate.streams.ProducerFactory;

/** The review role's reviewer API over its running Streams app, started when {@code review.api.port} is set. */
public final class ReviewEdge implements AutoCloseable {
  private final ReviewApiServer server;
  private final KafkaReviewSinks sinks;

  private ReviewEdge(ReviewApiServer server, KafkaReviewSinks sinks) {
    this.server = server;
    this.sinks = sinks;
  }

  public static ReviewEdge start(ReviewConfig config, TopicSerdes serdes, KafkaStreams review, Clock clock) {
    TokenValidator tokens = TokenValidator.fromConfig(config);
    KafkaReviewSinks sinks = new KafkaReviewSinks(ProducerFactory.of(config.common(), config.role()), serdes);
    try {
      AuditEvents audit = new AuditEvents("review", "service:" + config.applicationId(),
          config.common().instanceId() + "/review-api", config.common().instanceAddress(), clock);
      ReasonCodes reasons = ReasonCodes.shipped();
      ReviewApi api = new ReviewApi(new StreamsReviewQueries(review, config.advertisedAddress()), sinks,
          new DecisionMac(config.macKey()), config.common().reviewCipher(), config.common().vaultCipher(),
          config.legacyVaultBefore(), audit, reasons, clock, config.apiTls().enabled()
              ? TlsContexts.client(config.apiTls()) : null);
      PageSettings page = new PageSettings(config.get(ReviewConfig.ISSUER).trim(),
          config.get(ReviewConfig.PAGE_AUTHORIZE_URL).trim(), config.get(ReviewConfig.PAGE_TOKEN_URL).trim(),
          config.get(ReviewConfig.PAGE_CLIENT_ID), config.get(ReviewConfig.PAGE_CLIENT_SECRET),
          config.get(ReviewConfig.PAGE_REDIRECT_URL).trim(),
          java.time.Duration.ofSeconds(config.get(ReviewConfig.PAGE_IDLE_SECONDS)), reasons.codesFor("reject"),
          reasons.codesFor("request-redraft"));
      return new ReviewEdge(ReviewApiServer.start(config.get(ReviewConfig.API_BIND), config.get(ReviewConfig.API_PORT),
          api, tokens, page, config.apiTls()), sinks);
    } catch (RuntimeException e) {
      sinks.close();
      throw e;
    }
  }

  public ReviewApiServer server() {
    return server;
  }

  @Override
  public void close() {
    server.close();
    sinks.close();
  }
}
