package org.phigate.audit.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs, step by step as the RFC writes them.
 * Every malformed input (wrong hash length, wrong proof length, impossible sizes) is a failed proof, never an
 * exception. Hand-written: no maintained Java library implements these proofs (RECIPES.md).
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  public static boolean verifyInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> path, byte[] root) {
    if (index < 0 || index >= treeSize || !wellFormed(path) || !isHash(leafHash) || !isHash(root)) {
      return false;
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHash.node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = MerkleHash.node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
                                          List<byte[]> proof) {
    if (first < 0 || first > second || !wellFormed(proof) || !isHash(firstRoot) || !isHash(secondRoot)) {
      return false;
    }
    if (first == 0) {
      // every tree extends the empty tree; the proof carries nothing (RFC 9162 defines no proof from size 0)
      return proof.isEmpty() && MessageDigest.isEqual(firstRoot, MerkleHash.empty());
    }
    if (first == second) {
      return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(first) == 1) {
      path.add(0, firstRoot);
    }
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHash.node(c, fr);
        sr = MerkleHash.node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = MerkleHash.node(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
  }

  private static boolean wellFormed(List<byte[]> path) {
    return path != null && path.size() <= 64 && path.stream().allMatch(MerkleProofs::isHash);
  }

  private static boolean isHash(byte[] h) {
    return h != null && h.length == MerkleHash.SIZE;
  }
}
