package io.zkedge.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  private static final HexFormat HEX = HexFormat.of();

  // The reference tree of Certificate Transparency's test suite (RFC 6962): leaf inputs and the
  // roots of the trees of their first 1..8 leaves, as published in
  // google/certificate-transparency cpp/merkletree/merkle_tree_test.cc and repeated by other
  // RFC 6962 implementations.
  private static final String[] CT_LEAVES = {"", "00", "10", "2021", "3031", "40414243",
      "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
  private static final String[] CT_ROOTS = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

  @Test
  void shouldMatchTheCertificateTransparencyReferenceRoots() {
    for (int n = 1; n <= CT_LEAVES.length; n++) {
      assertThat(HEX.formatHex(MerkleTree.of(ctLeafHashes(n)).root())).as("tree of %d", n)
          .isEqualTo(CT_ROOTS[n - 1]);
    }
  }

  @Test
  void shouldGiveTheReferenceInclusionPaths() {
    // Same source: leaf 1 (index 0) and leaf 6 (index 5) of the tree of 8.
    MerkleTree tree = MerkleTree.of(ctLeafHashes(8));
    assertThat(hex(tree.path(0))).containsExactly(
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    assertThat(hex(tree.path(5))).containsExactly(
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    assertThat(MerkleTree.of(ctLeafHashes(1)).path(0)).isEmpty();
  }

  @Test
  void shouldLeadEveryLeafOfEveryTreeSizeToItsRootAndNoOtherLeaf() {
    for (int n = 1; n <= 70; n++) {
      List<byte[]> leaves = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        leaves.add(MerkleTree.leafHash(new byte[] {(byte) i, (byte) n}));
      }
      MerkleTree tree = MerkleTree.of(leaves);
      for (int i = 0; i < n; i++) {
        ByteBuffer path = ByteBuffer.wrap(tree.path(i));
        assertThat(MerkleTree.rootFromPath(leaves.get(i), i, n, path)).as("leaf %d of %d", i, n)
            .isEqualTo(tree.root());
        if (n > 1) {
          int other = (i + 1) % n;
          assertThat(MerkleTree.rootFromPath(leaves.get(other), i, n, path)).isNotEqualTo(tree.root());
          assertThat(MerkleTree.rootFromPath(leaves.get(i), other, n, path)).isNotEqualTo(tree.root());
        }
        // Not checked: the same path under a larger tree size. The first leaves of a larger tree
        // can have the same path shape, so the size is bound by the signed seal, not the path
        // (EvidenceSignerTest.shouldRefuseARecordWhoseSealFieldsWereAltered).
      }
    }
  }

  @Test
  void shouldRefusePathsThatCannotBelongToTheTree() {
    MerkleTree tree = MerkleTree.of(ctLeafHashes(8));
    byte[] leaf = ctLeafHashes(8).get(5);
    byte[] bytes = tree.path(5);
    ByteBuffer path = ByteBuffer.wrap(bytes);
    ByteBuffer shorter = ByteBuffer.wrap(bytes, 0, 64);
    ByteBuffer longer = ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length + 32));
    ByteBuffer ragged = ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length + 1));

    assertThat(MerkleTree.rootFromPath(leaf, 5, 8, path)).isEqualTo(tree.root());
    assertThat(path.position()).isZero();
    assertThat(MerkleTree.rootFromPath(leaf, 5, 8, shorter)).isNull();
    assertThat(MerkleTree.rootFromPath(leaf, 5, 8, longer)).isNull();
    assertThat(MerkleTree.rootFromPath(leaf, 5, 8, ragged)).isNull();
    assertThat(MerkleTree.rootFromPath(leaf, 8, 8, path)).isNull();
    assertThat(MerkleTree.rootFromPath(leaf, -1, 8, path)).isNull();
    assertThat(MerkleTree.rootFromPath(leaf, 0, 0, ByteBuffer.allocate(0))).isNull();
    assertThat(MerkleTree.rootFromPath(leaf, 0, MerkleTree.MAX_LEAVES + 1L, path)).isNull();
    assertThat(MerkleTree.rootFromPath(new byte[31], 0, 1, ByteBuffer.allocate(0))).isNull();
  }

  @Test
  void shouldRefuseToBuildAnEmptyOrOversizedTree() {
    assertThatThrownBy(() -> MerkleTree.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.of(List.of(new byte[31])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<byte[]> ctLeafHashes(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(MerkleTree.leafHash(HEX.parseHex(CT_LEAVES[i])));
    }
    return out;
  }

  private static List<String> hex(byte[] path) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < path.length; i += 32) {
      out.add(HEX.formatHex(path, i, i + 32));
    }
    return out;
  }
}
