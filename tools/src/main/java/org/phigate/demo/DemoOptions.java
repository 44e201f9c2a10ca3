package org.phigate.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What `phigate demo` was asked to do; {@code keepDir} keeps the temporary directory (PHI, signing key),
 * {@code secure} runs it over SASL_SSL and mTLS with ACLs, {@code inMemoryEhr} writes to the in-process stand-in
 * instead of the HAPI FHIR JPA server process.
 */
public record DemoOptions(boolean autoApprove, Path inputDir, Path dumpDir, Path auditArchiveDir, boolean serve,
                          Duration timeout, boolean keepDir, boolean secure, boolean inMemoryEhr) {
  /** Options over plaintext transport that remove the temporary directory at the end and write to the JPA server. */
  public DemoOptions(boolean autoApprove, Path inputDir, Path dumpDir, Path auditArchiveDir, boolean serve,
                     Duration timeout) {
    this(autoApprove, inputDir, dumpDir, auditArchiveDir, serve, timeout, false, false, false);
  }
}
