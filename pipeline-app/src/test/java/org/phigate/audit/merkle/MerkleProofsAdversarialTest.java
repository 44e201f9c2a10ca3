package org.phigate.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every tampered proof is rejected: bit flips, truncation, extension, wrong sizes, wrong index, empty tree. */
class MerkleProofsAdversarialTest {
  private static final MerkleTree TREE = MerkleTreeTest.tree(65);

  @Test
  void shouldRejectEveryBitFlipInEveryInclusionProofElementAndInTheLeafAndRoot() {
    for (long n : new long[] {2, 3, 7, 8, 9, 31, 64, 65}) {
      for (long i = 0; i < n; i += Math.max(1, n / 9)) {
        List<byte[]> proof = TREE.inclusionProof(i, n);
        byte[] leaf = TREE.leafHash(i);
        byte[] root = TREE.root(n);
        for (int e = 0; e < proof.size(); e++) {
          for (int bit = 0; bit < 256; bit += 7) {
            List<byte[]> bad = copy(proof);
            bad.get(e)[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(MerkleProofs.verifyInclusion(leaf, i, n, bad, root)).as("n=%d i=%d e=%d bit=%d", n, i, e, bit)
                .isFalse();
          }
        }
        assertThat(MerkleProofs.verifyInclusion(flip(leaf, 3), i, n, proof, root)).isFalse();
        assertThat(MerkleProofs.verifyInclusion(leaf, i, n, proof, flip(root, 250))).isFalse();
      }
    }
  }

  @Test
  void shouldRejectTruncatedExtendedWrongSizeAndWrongIndexInclusionProofs() {
    for (long n = 1; n <= 65; n++) {
      for (long i = 0; i < n; i++) {
        List<byte[]> proof = TREE.inclusionProof(i, n);
        byte[] leaf = TREE.leafHash(i);
        byte[] root = TREE.root(n);
        if (!proof.isEmpty()) {
          assertThat(MerkleProofs.verifyInclusion(leaf, i, n, proof.subList(0, proof.size() - 1), root)).isFalse();
          assertThat(MerkleProofs.verifyInclusion(leaf, i, n, proof.subList(1, proof.size()), root)).isFalse();
        }
        List<byte[]> longer = copy(proof);
        longer.add(TREE.root(1));
        assertThat(MerkleProofs.verifyInclusion(leaf, i, n, longer, root)).as("extended n=%d i=%d", n, i).isFalse();
        // a proof does not authenticate the size on its own (the signed checkpoint binds size and root): a wrong size
        // is rejected exactly when it changes the proof's shape
        assertThat(MerkleProofs.verifyInclusion(leaf, i, n + 1, proof, root)).as("size+1 n=%d i=%d", n, i)
            .isEqualTo(sameShape(i, n, n + 1));
        if (n > 1) {
          assertThat(MerkleProofs.verifyInclusion(leaf, i, n - 1, proof, root)).as("size-1")
              .isEqualTo(i < n - 1 && sameShape(i, n, n - 1));
          long other = (i + 1) % n;
          assertThat(MerkleProofs.verifyInclusion(leaf, other, n, proof, root)).as("index n=%d i=%d", n, i).isFalse();
          assertThat(MerkleProofs.verifyInclusion(TREE.leafHash(other), i, n, proof, root)).isFalse();
        }
        assertThat(MerkleProofs.verifyInclusion(leaf, n, n, proof, root)).isFalse();
        assertThat(MerkleProofs.verifyInclusion(leaf, -1, n, proof, root)).isFalse();
      }
    }
  }

  @Test
  void shouldRejectMalformedHashesAndTheEmptyTree() {
    List<byte[]> proof = TREE.inclusionProof(3, 10);
    List<byte[]> shortElement = copy(proof);
    shortElement.set(0, new byte[31]);
    assertThat(MerkleProofs.verifyInclusion(TREE.leafHash(3), 3, 10, shortElement, TREE.root(10))).isFalse();
    assertThat(MerkleProofs.verifyInclusion(new byte[33], 3, 10, proof, TREE.root(10))).isFalse();
    assertThat(MerkleProofs.verifyInclusion(TREE.leafHash(0), 0, 0, List.of(), MerkleHash.empty())).isFalse();
    assertThat(MerkleProofs.verifyInclusion(TREE.leafHash(0), 0, 1, null, TREE.root(1))).isFalse();
    assertThat(MerkleProofs.verifyConsistency(0, 0, MerkleHash.empty(), MerkleHash.empty(), List.of())).isTrue();
    assertThat(MerkleProofs.verifyConsistency(0, 5, TREE.root(1), TREE.root(5), List.of())).isFalse();
    assertThat(MerkleProofs.verifyConsistency(0, 5, MerkleHash.empty(), TREE.root(5), List.of(TREE.root(1))))
        .isFalse();
  }

  @Test
  void shouldRejectEveryTamperedConsistencyProof() {
    for (long n = 2; n <= 65; n++) {
      for (long m = 1; m < n; m++) {
        List<byte[]> proof = TREE.consistencyProof(m, n);
        byte[] r1 = TREE.root(m);
        byte[] r2 = TREE.root(n);
        for (int e = 0; e < proof.size(); e++) {
          List<byte[]> bad = copy(proof);
          bad.get(e)[(int) ((m * 7 + n + e) % 32)] ^= 0x10;
          assertThat(MerkleProofs.verifyConsistency(m, n, r1, r2, bad)).as("flip m=%d n=%d e=%d", m, n, e).isFalse();
        }
        assertThat(MerkleProofs.verifyConsistency(m, n, r1, r2, proof.subList(0, proof.size() - 1)))
            .as("truncated m=%d n=%d", m, n).isFalse();
        List<byte[]> longer = copy(proof);
        longer.add(r1);
        assertThat(MerkleProofs.verifyConsistency(m, n, r1, r2, longer)).as("extended m=%d n=%d", m, n).isFalse();
        assertThat(MerkleProofs.verifyConsistency(m, n + 1, r1, r2, proof)).as("second+1 m=%d n=%d", m, n)
            .isEqualTo(sameConsistencyShape(m, n, n + 1));
        assertThat(MerkleProofs.verifyConsistency(m + 1, n, r1, r2, proof)).as("first+1 m=%d n=%d", m, n).isFalse();
        if (m > 1) {
          assertThat(MerkleProofs.verifyConsistency(m - 1, n, r1, r2, proof)).as("first-1 m=%d n=%d", m, n).isFalse();
        }
        assertThat(MerkleProofs.verifyConsistency(m, n, flip(r1, 0), r2, proof)).isFalse();
        assertThat(MerkleProofs.verifyConsistency(m, n, r1, flip(r2, 255), proof)).isFalse();
        assertThat(MerkleProofs.verifyConsistency(n, m, r2, r1, proof)).isFalse();
      }
    }
  }

  /** The RFC 9162 §2.1.3.2 walk's left/right choices and length for (index, size), compared between two sizes. */
  private static boolean sameShape(long index, long n1, long n2) {
    return walk(index, n1).equals(walk(index, n2));
  }

  private static String walk(long index, long size) {
    StringBuilder shape = new StringBuilder();
    long fn = index;
    long sn = size - 1;
    while (sn > 0) {
      if ((fn & 1) == 1 || fn == sn) {
        shape.append('L');
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        shape.append('R');
      }
      fn >>= 1;
      sn >>= 1;
    }
    return shape.toString();
  }

  private static boolean sameConsistencyShape(long m, long n1, long n2) {
    MerkleTree big = MerkleTreeTest.tree(70);
    return big.consistencyProof(m, n1).size() == big.consistencyProof(m, n2).size()
        && MerkleProofs.verifyConsistency(m, n2, big.root(m), big.root(n1), big.consistencyProof(m, n1));
  }

  private static List<byte[]> copy(List<byte[]> proof) {
    List<byte[]> out = new ArrayList<>();
    proof.forEach(p -> out.add(p.clone()));
    return out;
  }

  private static byte[] flip(byte[] h, int bit) {
    byte[] out = h.clone();
    out[bit / 8] ^= (byte) (1 << (bit % 8));
    return out;
  }
}
