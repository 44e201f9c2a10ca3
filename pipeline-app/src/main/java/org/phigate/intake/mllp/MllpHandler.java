package org.phigate.intake.mllp;

/** Turns one received MLLP frame into the acknowledgement to send back (ER7, without framing). */
public interface MllpHandler {
  /** A complete frame within the size limit. */
  String onMessage(byte[] payload);

  /** A frame over the limit: only its first bytes are given, with its full length. */
  String onOversized(byte[] head, long length);
}
