package org.phigate.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped log4j2.xml never writes an exception's message or stack trace, only its class name. */
class LogLayoutTest {
  private static final String PLANTED = "Zebulonia Quixtrot MRN-000123";

  @Test
  void shouldWriteOnlyTheThrowableClassNameToTheLogFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("phigate.log");
    URI shipped = ThrowableClassConverter.class.getResource("/log4j2.xml").toURI();
    String before = System.getProperty("phigate.log.file");
    System.setProperty("phigate.log.file", file.toString());
    LoggerContext context = new LoggerContext("log-layout-test", null, shipped);
    try {
      context.start();
      Logger phigate = context.getLogger("org.phigate.writeback.WritebackStage");
      Logger thirdParty = context.getLogger("ca.uhn.fhir.rest.client.impl.GenericClient");
      IllegalStateException cause = new IllegalStateException("cause quoting " + PLANTED);
      phigate.error("write-back failed (EHR_CLIENT_FAILED)", new IllegalArgumentException(PLANTED, cause));
      thirdParty.warn("parse failure", new RuntimeException("Unexpected character at " + PLANTED, cause));
      thirdParty.warn("a line without a throwable");
    } finally {
      context.stop();
      if (before == null) {
        System.clearProperty("phigate.log.file");
      } else {
        System.setProperty("phigate.log.file", before);
      }
    }

    String log = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(log).contains(
        "write-back failed (EHR_CLIENT_FAILED) [java.lang.IllegalArgumentException caused by "
            + "java.lang.IllegalStateException]",
        "parse failure [java.lang.RuntimeException caused by java.lang.IllegalStateException]",
        "a line without a throwable\n");
    assertThat(log).doesNotContain("Zebulonia").doesNotContain("MRN-000123").doesNotContain("\tat ")
        .doesNotContain("LogLayoutTest");
  }
}
