package org.phigate.it.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.phigate.embedded.EmbeddedKafkaBroker;

/**
 * A KRaft broker of the test class's own, started before its first test and closed after its last, for tests whose
 * records must not reach the shared broker's topics (which other ITs count exactly). Register it as a static
 * {@code @RegisterExtension} field.
 */
public final class OwnBroker implements BeforeAllCallback, AfterAllCallback {
  private EmbeddedKafkaBroker kafka;

  @Override
  public void beforeAll(ExtensionContext context) {
    kafka = EmbeddedKafkaBroker.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** The running broker (between the first test's start and the last test's end). */
  public EmbeddedKafkaBroker kafka() {
    return kafka;
  }
}
