package org.phigate.review.auth;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.phigate.schema.EncryptedBlob;
import org.phigate.schema.ReviewDecision;

/**
 * HMAC-SHA-256 over every field of a decision that changes what happens (review id, verdict, reviewer subject,
 * issuer and role, time, sealed edit, reason, new urgency and category), length-prefixed so no two decisions share
 * an input. The reviewer API signs; the review role verifies before it releases or closes an item.
 */
public final class DecisionMac {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  public DecisionMac(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the decision MAC key must have at least 32 bytes");
    }
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /** The decision with its MAC set. */
  public ReviewDecision sign(ReviewDecision decision) {
    return ReviewDecision.newBuilder(decision).setMac(mac(decision)).build();
  }

  /** True when the decision carries a MAC that matches its fields (constant-time comparison). */
  public boolean verify(ReviewDecision decision) {
    if (decision.getMac() == null) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(decision.getMac());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(given, Base64.getDecoder().decode(mac(decision)));
  }

  private String mac(ReviewDecision d) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return Base64.getEncoder().encodeToString(mac.doFinal(canonical(d)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] canonical(ReviewDecision d) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(1); // canonical form version
      field(out, d.getReviewId());
      field(out, d.getDecision().name());
      field(out, d.getReviewer());
      field(out, d.getIssuer());
      field(out, d.getReviewerRole());
      out.writeLong(d.getDecidedAt().toEpochMilli());
      field(out, d.getEditedText());
      EncryptedBlob sealed = d.getSealedEditedText();
      field(out, sealed == null ? null : sealed.getKeyId());
      blob(out, sealed == null ? null : sealed.getNonce());
      blob(out, sealed == null ? null : sealed.getCiphertext());
      field(out, d.getReasonCode());
      field(out, d.getNewUrgency() == null ? null : d.getNewUrgency().name());
      field(out, d.getNewCategory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void field(DataOutputStream out, String value) throws IOException {
    blob(out, value == null ? null : ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
  }

  private static void blob(DataOutputStream out, ByteBuffer value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    ByteBuffer copy = value.duplicate();
    byte[] raw = new byte[copy.remaining()];
    copy.get(raw);
    out.writeInt(raw.length);
    out.write(raw);
  }
}
