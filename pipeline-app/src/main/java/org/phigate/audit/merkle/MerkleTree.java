package org.phigate.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory RFC 9162 Merkle tree over appended leaves that can prove any earlier size. Complete aligned subtrees
 * are cached per level, so a root, an inclusion proof or a consistency proof costs O(log² n) hashes.
 *
 * <p>Hand-written: no maintained Java library implements RFC 6962/9162 proofs (RECIPES.md).
 */
public final class MerkleTree {
  /** levels.get(h).get(i) = hash of the complete subtree of 2^h leaves starting at leaf i * 2^h. */
  private final List<List<byte[]>> levels = new ArrayList<>();

  public MerkleTree() {
    levels.add(new ArrayList<>());
  }

  public long size() {
    return levels.get(0).size();
  }

  public void appendData(byte[] data) {
    appendLeafHash(MerkleHash.leaf(data));
  }

  public void appendLeafHash(byte[] leafHash) {
    if (leafHash.length != MerkleHash.SIZE) {
      throw new IllegalArgumentException("leaf hash of " + leafHash.length + " bytes");
    }
    levels.get(0).add(leafHash.clone());
    int level = 0;
    while (levels.get(level).size() % 2 == 0) {
      List<byte[]> row = levels.get(level);
      byte[] parent = MerkleHash.node(row.get(row.size() - 2), row.get(row.size() - 1));
      if (levels.size() == level + 1) {
        levels.add(new ArrayList<>());
      }
      levels.get(++level).add(parent);
    }
  }

  public byte[] leafHash(long index) {
    return levels.get(0).get(Math.toIntExact(index)).clone();
  }

  /** MTH(D[0:size]). */
  public byte[] root(long size) {
    checkSize(size);
    return size == 0 ? MerkleHash.empty() : hash(0, size);
  }

  /** PATH(index, D[0:size]) of RFC 9162 §2.1.3.1. */
  public List<byte[]> inclusionProof(long index, long size) {
    checkSize(size);
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
    }
    List<byte[]> path = new ArrayList<>();
    path(index, 0, size, path);
    return path;
  }

  /** PROOF(first, D[0:second]) of RFC 9162 §2.1.4.1; empty when first == second or first == 0. */
  public List<byte[]> consistencyProof(long first, long second) {
    checkSize(second);
    if (first < 0 || first > second) {
      throw new IllegalArgumentException("cannot prove size " + first + " against size " + second);
    }
    List<byte[]> proof = new ArrayList<>();
    if (first > 0 && first < second) {
      subproof(first, 0, second, true, proof);
    }
    return proof;
  }

  private void path(long m, long lo, long hi, List<byte[]> out) {
    long n = hi - lo;
    if (n == 1) {
      return;
    }
    long k = MerkleHash.split(n);
    if (m < k) {
      path(m, lo, lo + k, out);
      out.add(hash(lo + k, hi));
    } else {
      path(m - k, lo + k, hi, out);
      out.add(hash(lo, lo + k));
    }
  }

  private void subproof(long m, long lo, long hi, boolean complete, List<byte[]> out) {
    long n = hi - lo;
    if (m == n) {
      if (!complete) {
        out.add(hash(lo, hi));
      }
      return;
    }
    long k = MerkleHash.split(n);
    if (m <= k) {
      subproof(m, lo, lo + k, complete, out);
      out.add(hash(lo + k, hi));
    } else {
      subproof(m - k, lo + k, hi, false, out);
      out.add(hash(lo, lo + k));
    }
  }

  /** MTH(D[lo:hi]); every subtree reached from [0, n) by RFC 9162's splits is aligned on its largest power of 2. */
  private byte[] hash(long lo, long hi) {
    long n = hi - lo;
    if (Long.bitCount(n) == 1 && lo % n == 0) {
      int level = Long.numberOfTrailingZeros(n);
      return levels.get(level).get(Math.toIntExact(lo >> level));
    }
    long k = MerkleHash.split(n);
    return MerkleHash.node(hash(lo, lo + k), hash(lo + k, hi));
  }

  private void checkSize(long size) {
    if (size < 0 || size > size()) {
      throw new IllegalArgumentException("tree size " + size + " is outside 0.." + size());
    }
  }
}
