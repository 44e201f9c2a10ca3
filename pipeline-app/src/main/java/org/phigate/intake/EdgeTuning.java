package org.phigate.intake;

import org.phigate.config.IntakeConfig;

/**
 * How the MLLP and REST edges share their work: {@code parseThreads} parse and validate for every connection, and
 * the group committer writes at most {@code maxGroupRecords} records / about {@code maxGroupBytes} bytes at once,
 * waiting up to {@code groupWaitMicros} for messages being parsed to join a group that is not full.
 */
public record EdgeTuning(int parseThreads, int maxGroupRecords, int maxGroupBytes, int groupWaitMicros) {
  /** The configured tuning ({@code intake.parse.threads}, {@code intake.edge.*}). */
  public static EdgeTuning of(IntakeConfig config) {
    return new EdgeTuning(config.parseThreads(), config.get(IntakeConfig.EDGE_GROUP_MAX_RECORDS),
        config.get(IntakeConfig.EDGE_BATCH_SIZE), config.get(IntakeConfig.EDGE_GROUP_WAIT));
  }

  /** The defaults: a parse thread per core, groups of up to 1,000 records and 1 MiB, a wait of up to 1 ms. */
  public static EdgeTuning defaults() {
    return new EdgeTuning(Runtime.getRuntime().availableProcessors(),
        Integer.parseInt(IntakeConfig.EDGE_GROUP_MAX_RECORDS.defaultValue()),
        Integer.parseInt(IntakeConfig.EDGE_BATCH_SIZE.defaultValue()),
        Integer.parseInt(IntakeConfig.EDGE_GROUP_WAIT.defaultValue()));
  }
}
