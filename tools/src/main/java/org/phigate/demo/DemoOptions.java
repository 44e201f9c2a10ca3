package org.phigate.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What `phigate demo` was asked to do; {@code keepDir} keeps the temporary directory (PHI, signing key),
 * {@code secure} runs it over SASL_SSL and mTLS with ACLs.
 */
public record DemoOptions(boolean autoApprove, Path inputDir, Path dumpDir, Path auditArchiveDir, boolean serve,
                          Duration timeout, boolean keepDir, boolean secure) {
  /** Options over plaintext transport. */
  public DemoOptions(boolean autoApprove, Path inputDir, Path dumpDir, Path auditArchiveDir, boolean serve,
                     Duration timeout, boolean keepDir) {
    this(autoApprove, inputDir, dumpDir, auditArchiveDir, serve, timeout, keepDir, false);
  }

  /** Options that remove the temporary directory at the end. */
  public DemoOptions(boolean autoApprove, Path inputDir, Path dumpDir, Path auditArchiveDir, boolean serve,
                     Duration timeout) {
    this(autoApprove, inputDir, dumpDir, auditArchiveDir, serve, timeout, false, false);
  }
}
