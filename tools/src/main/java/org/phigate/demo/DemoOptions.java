package org.phigate.demo;

import java.nio.file.Path;
import java.time.Duration;

/** What `phigate demo` was asked to do. */
public record DemoOptions(boolean autoApprove, Path inputDir, Path dumpDir, Path auditArchiveDir, boolean serve,
                          Duration timeout) {}
