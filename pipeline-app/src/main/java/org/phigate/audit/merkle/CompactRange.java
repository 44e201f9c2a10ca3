package org.phigate.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of an append-only RFC 9162 tree: one hash per perfect subtree of the binary decomposition of the
 * size (largest first). Enough to append leaves and compute the root in O(log n) memory, so the archiver can resume
 * its tree from a checkpoint without re-reading the archive.
 */
public final class CompactRange {
  private final List<byte[]> peaks = new ArrayList<>();
  private long size;

  public CompactRange() {}

  /** Restores a range from a checkpoint; the peak count must match the bits of size. */
  public CompactRange(long size, List<byte[]> peaks) {
    if (size < 0 || Long.bitCount(size) != peaks.size()) {
      throw new IllegalArgumentException("a tree of size " + size + " has " + Long.bitCount(Math.max(size, 0))
          + " peaks, got " + peaks.size());
    }
    peaks.forEach(p -> {
      if (p.length != MerkleHash.SIZE) {
        throw new IllegalArgumentException("peak hash of " + p.length + " bytes");
      }
    });
    this.size = size;
    peaks.forEach(p -> this.peaks.add(p.clone()));
  }

  public long size() {
    return size;
  }

  public void appendLeafHash(byte[] leafHash) {
    byte[] h = leafHash.clone();
    long n = size;
    // each trailing 1 bit of the old size is a peak of equal height: merge it into the new one
    while ((n & 1) == 1) {
      h = MerkleHash.node(peaks.remove(peaks.size() - 1), h);
      n >>= 1;
    }
    peaks.add(h);
    size++;
  }

  public void appendData(byte[] data) {
    appendLeafHash(MerkleHash.leaf(data));
  }

  /** MTH of the leaves so far (RFC 9162: the hash of the empty string for size 0). */
  public byte[] root() {
    if (peaks.isEmpty()) {
      return MerkleHash.empty();
    }
    byte[] h = peaks.get(peaks.size() - 1);
    for (int i = peaks.size() - 2; i >= 0; i--) {
      h = MerkleHash.node(peaks.get(i), h);
    }
    return h;
  }

  public List<byte[]> peaks() {
    return peaks.stream().map(byte[]::clone).toList();
  }

  public CompactRange copy() {
    return new CompactRange(size, peaks);
  }
}
