package org.phigate.cli;

import java.util.Optional;
import java.util.Set;
import org.phigate.intake.IntakeStage;
import org.phigate.schema.IntakeFailure;

/**
 * What a dead letter's sealed {@code original} holds: the whole message, only its first bytes (the message was over
 * a size limit), or no raw message at all (deid dead letters name an event instead), so `dlq replay` re-publishes
 * only a whole message.
 */
record DeadLetterPayload(Kind kind, Long originalSize) {
  /** What the sealed original is. */
  enum Kind { WHOLE, TRUNCATED, NOT_A_MESSAGE }

  /** Size refusals whose dead letters kept only the message's head before the explicit marker existed. */
  private static final Set<String> LEGACY_TRUNCATING_CODES = Set.of("PAYLOAD_TOO_LARGE", "FRAME_TOO_LARGE",
      "RECORD_TOO_LARGE");

  static DeadLetterPayload of(IntakeFailure f) {
    if (!"intake".equals(f.getStage())) {
      return new DeadLetterPayload(Kind.NOT_A_MESSAGE, null);
    }
    if (f.getOriginalTruncated() || LEGACY_TRUNCATING_CODES.contains(f.getReasonCode())) {
      return new DeadLetterPayload(Kind.TRUNCATED, f.getOriginalSize());
    }
    return new DeadLetterPayload(Kind.WHOLE, null);
  }

  /** A short column value for `dlq list`. */
  String label() {
    return switch (kind) {
      case WHOLE -> "whole";
      case TRUNCATED -> "truncated/" + (originalSize == null ? "?" : originalSize);
      case NOT_A_MESSAGE -> "no message";
    };
  }

  /** A sentence for `dlq show`. */
  String describe() {
    return switch (kind) {
      case WHOLE -> "the whole message";
      case TRUNCATED -> "TRUNCATED: only the first bytes (at most " + IntakeStage.DEAD_LETTER_HEAD_BYTES + ") of a "
          + "message of " + (originalSize == null ? "unknown size" : originalSize + " bytes")
          + "; replay needs the full copy (--file FULL_COPY)";
      case NOT_A_MESSAGE -> "no raw message (a de-identification dead letter; the event stays in "
          + "phigate.events.normalized under the event id in its location)";
    };
  }

  /** Why `dlq replay REF` without --file must not re-publish the stored original, or empty when it may. */
  Optional<String> replayRefusal(String ref) {
    return switch (kind) {
      case WHOLE -> Optional.empty();
      case TRUNCATED -> Optional.of("dead letter " + ref + " keeps only the first bytes of a message of "
          + (originalSize == null ? "unknown size" : originalSize + " bytes") + " (it was over a size limit); "
          + "re-publishing them would send a cut message. Nothing was published. Get the full message from the "
          + "sender, raise the limit if needed (see \"Large messages\" in deploy/README.md), then run "
          + "`phigate dlq replay " + ref + " --file FULL_COPY`.");
      case NOT_A_MESSAGE -> Optional.of("dead letter " + ref + " holds no raw message (it was written by the deid "
          + "stage for an event that stays in phigate.events.normalized). Nothing was published. Have the sender "
          + "resend the message, or run `phigate dlq replay " + ref + " --file FULL_COPY`.");
    };
  }
}
