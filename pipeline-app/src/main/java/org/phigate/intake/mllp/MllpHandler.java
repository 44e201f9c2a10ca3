package org.phigate.intake.mllp;

/** Turns one received MLLP frame into the acknowledgement to send back (ER7, without framing). */
public interface MllpHandler {
  /** A complete frame within the size limit. */
  String onMessage(byte[] payload);

  /** A frame over the limit: only its first bytes are given, with its full length. */
  String onOversized(byte[] head, long length);

  /**
   * A frame that found no room in the connections' shared in-flight budget in time: only its first bytes are given,
   * with its full length; the message was not taken and the sender should resend it.
   */
  String onBusy(byte[] head, long length);

  /**
   * Bytes ended by an end block that never had a start block (a sender not framing its messages): only their first
   * bytes are given, with their length. The default answers nothing; an intake handler dead-letters and answers AR.
   */
  default String onUnframed(byte[] head, long length) {
    return null;
  }
}
