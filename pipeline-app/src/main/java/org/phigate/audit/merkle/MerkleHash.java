package org.phigate.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 9162 §2.1.1 hashing: leaf = SHA-256(0x00 || data), interior node = SHA-256(0x01 || left || right). */
public final class MerkleHash {
  /** Length of every hash in the tree. */
  public static final int SIZE = 32;

  private MerkleHash() {}

  public static byte[] leaf(byte[] data) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x00);
    sha.update(data);
    return sha.digest();
  }

  public static byte[] node(byte[] left, byte[] right) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x01);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /** MTH({}) = SHA-256 of the empty string. */
  public static byte[] empty() {
    return sha256().digest();
  }

  /** Largest power of two strictly smaller than n (n >= 2), the split point k of RFC 9162 §2.1.1. */
  static long split(long n) {
    return Long.highestOneBit(n - 1);
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }
}
