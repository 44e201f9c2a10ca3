package org.phigate.audit.archive;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Object names in an archive: segments/NNN.avro and checkpoints/NNN.checkpoint, NNN a 20-digit sequence. */
public final class ArchiveLayout {
  public static final String SEGMENTS = "segments/";
  public static final String CHECKPOINTS = "checkpoints/";
  private static final Pattern NAME = Pattern.compile("(segments/(\\d{20})\\.avro|checkpoints/(\\d{20})\\.checkpoint)");

  private ArchiveLayout() {}

  public static String segment(long seq) {
    return String.format("%s%020d.avro", SEGMENTS, seq);
  }

  public static String checkpoint(long seq) {
    return String.format("%s%020d.checkpoint", CHECKPOINTS, seq);
  }

  /** The sequence number of a segment or checkpoint name, if it is one. */
  public static Optional<Long> seq(String name) {
    Matcher m = NAME.matcher(name);
    return m.matches() ? Optional.of(Long.parseLong(m.group(2) != null ? m.group(2) : m.group(3))) : Optional.empty();
  }
}
