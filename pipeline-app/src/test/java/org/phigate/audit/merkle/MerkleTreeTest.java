package org.phigate.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Roots, proofs and the compact range against RFC 6962 test vectors and a naive recursive reference. */
class MerkleTreeTest {
  static final HexFormat HEX = HexFormat.of();
  /** The certificate-transparency reference leaves and roots for sizes 1..8 (RFC 6962 test data). */
  static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
      "606162636465666768696a6b6c6d6e6f"};
  static final String[] ROOTS = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

  @Test
  void shouldMatchTheRfc6962ReferenceRoots() {
    MerkleTree tree = new MerkleTree();
    CompactRange range = new CompactRange();
    for (int i = 0; i < LEAVES.length; i++) {
      tree.appendData(HEX.parseHex(LEAVES[i]));
      range.appendData(HEX.parseHex(LEAVES[i]));
      assertThat(HEX.formatHex(tree.root(i + 1))).as("size " + (i + 1)).isEqualTo(ROOTS[i]);
      assertThat(HEX.formatHex(range.root())).isEqualTo(ROOTS[i]);
    }
    for (int i = 0; i < LEAVES.length; i++) {
      assertThat(HEX.formatHex(tree.root(i + 1))).as("earlier size " + (i + 1)).isEqualTo(ROOTS[i]);
    }
  }

  @Test
  void shouldHashTheEmptyTreeAsSha256OfNothing() {
    assertThat(HEX.formatHex(new MerkleTree().root(0)))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(new CompactRange().root()).isEqualTo(MerkleHash.empty());
    assertThatThrownBy(() -> new MerkleTree().inclusionProof(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldAgreeWithTheNaiveReferenceForEverySizeUpTo65() {
    List<byte[]> data = data(65);
    MerkleTree tree = new MerkleTree();
    CompactRange range = new CompactRange();
    for (int n = 1; n <= 65; n++) {
      tree.appendData(data.get(n - 1));
      range.appendData(data.get(n - 1));
      byte[] expected = reference(data.subList(0, n));
      assertThat(tree.root(n)).as("tree size " + n).isEqualTo(expected);
      assertThat(range.root()).as("range size " + n).isEqualTo(expected);
      assertThat(new CompactRange(n, range.peaks()).root()).isEqualTo(expected);
    }
  }

  @Test
  void shouldProveEveryLeafAndEveryPairOfSizesUpTo65() {
    MerkleTree tree = tree(65);
    for (long n = 1; n <= 65; n++) {
      for (long i = 0; i < n; i++) {
        assertThat(MerkleProofs.verifyInclusion(tree.leafHash(i), i, n, tree.inclusionProof(i, n), tree.root(n)))
            .as("leaf %d in size %d", i, n).isTrue();
      }
      for (long m = 0; m <= n; m++) {
        assertThat(MerkleProofs.verifyConsistency(m, n, tree.root(m), tree.root(n), tree.consistencyProof(m, n)))
            .as("size %d to %d", m, n).isTrue();
      }
    }
  }

  @Test
  void shouldRejectImpossibleArguments() {
    MerkleTree tree = tree(5);
    assertThatThrownBy(() -> tree.inclusionProof(5, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.root(6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.consistencyProof(4, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CompactRange(3, List.of(new byte[32]))).isInstanceOf(IllegalArgumentException.class);
  }

  static MerkleTree tree(int n) {
    MerkleTree tree = new MerkleTree();
    data(n).forEach(tree::appendData);
    return tree;
  }

  static List<byte[]> data(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] d = new byte[i % 7];
      Arrays.fill(d, (byte) i);
      out.add(("leaf-" + i + new String(d)).getBytes());
    }
    return out;
  }

  /** MTH straight from RFC 9162 §2.1.1, recursive over the data. */
  static byte[] reference(List<byte[]> d) {
    if (d.size() == 1) {
      return MerkleHash.leaf(d.get(0));
    }
    int k = Integer.highestOneBit(d.size() - 1);
    return MerkleHash.node(reference(d.subList(0, k)), reference(d.subList(k, d.size())));
  }
}
