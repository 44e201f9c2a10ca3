package org.phigate.audit.archive;

/** A checkpoint that does not parse, does not verify or does not match the archive; the message says which. */
public final class CheckpointException extends Exception {
  public CheckpointException(String message) {
    super(message);
  }
}
