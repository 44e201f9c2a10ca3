package org.phigate.writeback;

import org.phigate.schema.ApprovedResult;
import org.phigate.schema.ReviewDecision;
import org.phigate.security.CryptoException;
import org.phigate.security.FieldCipher;

/** The text write-back sends: the reviewer's sealed edit when there is one, else the AI draft as approved. */
final class ReviewerText {
  private ReviewerText() {}

  /**
   * The approved text, or null when the decision carries a plaintext edit (refused: a reviewer's text is PHI and
   * travels sealed). Throws {@link CryptoException} when a sealed edit cannot be opened here.
   */
  static String approvedText(ApprovedResult approved, FieldCipher reviewCipher) {
    ReviewDecision decision = approved.getDecision();
    if (decision.getEditedText() != null) {
      return null;
    }
    if (decision.getSealedEditedText() == null) {
      return approved.getItem().getDraftText();
    }
    if (reviewCipher == null) {
      throw new CryptoException("no crypto.review.key is configured for this role", null);
    }
    return reviewCipher.openString(decision.getSealedEditedText(), decision.getReviewId());
  }
}
