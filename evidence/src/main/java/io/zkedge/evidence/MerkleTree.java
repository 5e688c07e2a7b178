package io.zkedge.evidence;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The Merkle tree of RFC 6962 §2.1 (Certificate Transparency) over SHA-256, for signing a batch
 * of records with one signature: each record carries its leaf index, the tree size and its
 * inclusion path, and anyone can recompute the root from those alone.
 *
 * <pre>
 * leaf hash  = SHA-256(0x00 || data)
 * node hash  = SHA-256(0x01 || left || right)
 * MTH(D[n])  = the leaf hash for n = 1, else node(MTH(D[0:k]), MTH(D[k:n]))
 *              with k the largest power of two below n
 * </pre>
 *
 * <p>The 0x00/0x01 prefixes keep a leaf from being passed off as an inner node. Built trees are
 * immutable; {@link #rootFromPath} is the verification of RFC 9162 §2.1.3.2.
 */
public final class MerkleTree {

  /** Most leaves a tree may have, so a path has at most 16 entries. */
  public static final int MAX_LEAVES = 1 << 16;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private final byte[] root;
  private final byte[][] paths;

  private MerkleTree(byte[] root, byte[][] paths) {
    this.root = root;
    this.paths = paths;
  }

  /** SHA-256(0x00 || data). */
  public static byte[] leafHash(byte[] data) {
    SHA256Digest digest = new SHA256Digest();
    digest.update(LEAF_PREFIX);
    digest.update(data, 0, data.length);
    byte[] out = new byte[Sha256.LENGTH];
    digest.doFinal(out, 0);
    return out;
  }

  static byte[] nodeHash(byte[] left, byte[] right) {
    SHA256Digest digest = new SHA256Digest();
    digest.update(NODE_PREFIX);
    digest.update(left, 0, left.length);
    digest.update(right, 0, right.length);
    byte[] out = new byte[Sha256.LENGTH];
    digest.doFinal(out, 0);
    return out;
  }

  /**
   * The tree over these leaf hashes, in order, with every leaf's inclusion path.
   *
   * @throws IllegalArgumentException if there are no leaves, more than {@link #MAX_LEAVES}, or a
   *     leaf hash is not 32 bytes
   */
  public static MerkleTree of(List<byte[]> leafHashes) {
    int n = leafHashes.size();
    if (n < 1 || n > MAX_LEAVES) {
      throw new IllegalArgumentException("a Merkle tree has 1 to " + MAX_LEAVES + " leaves, not " + n);
    }
    for (byte[] leaf : leafHashes) {
      if (leaf.length != Sha256.LENGTH) {
        throw new IllegalArgumentException("a leaf hash has 32 bytes, not " + leaf.length);
      }
    }
    int depth = 32 - Integer.numberOfLeadingZeros(n - 1); // the longest path: ceil(log2 n)
    byte[][] paths = new byte[n][depth * Sha256.LENGTH];
    int[] lengths = new int[n];
    byte[] root = build(leafHashes, 0, n, paths, lengths);
    for (int i = 0; i < n; i++) {
      if (lengths[i] != paths[i].length) {
        paths[i] = Arrays.copyOf(paths[i], lengths[i]);
      }
    }
    return new MerkleTree(root, paths);
  }

  /** MTH of leaves [from, to); appends each sibling to the paths below it, deepest first. */
  private static byte[] build(List<byte[]> leaves, int from, int to, byte[][] paths, int[] lengths) {
    if (to - from == 1) {
      return leaves.get(from);
    }
    int split = from + Integer.highestOneBit(to - from - 1);
    byte[] left = build(leaves, from, split, paths, lengths);
    byte[] right = build(leaves, split, to, paths, lengths);
    for (int i = from; i < to; i++) {
      System.arraycopy(i < split ? right : left, 0, paths[i], lengths[i], Sha256.LENGTH);
      lengths[i] += Sha256.LENGTH;
    }
    return nodeHash(left, right);
  }

  /** The root hash (a copy). */
  public byte[] root() {
    return root.clone();
  }

  /** Number of leaves. */
  public int size() {
    return paths.length;
  }

  /**
   * The inclusion path of leaf {@code index}: its siblings' hashes from the leaf up to the root,
   * 32 bytes each, concatenated (empty for a tree of one). The tree's own array: do not write
   * into it.
   */
  public byte[] path(int index) {
    return paths[index];
  }

  /**
   * The root that {@code path} (32-byte hashes, concatenated) leads to from {@code leafHash} at
   * {@code index} in a tree of {@code size} leaves (RFC 9162 §2.1.3.2), or null when the path
   * cannot belong to such a tree: a size outside 1..{@link #MAX_LEAVES}, an index outside the
   * tree, a length that is not a multiple of 32, or a path too long or too short for the index and
   * size. The buffer is read from its position to its limit and not moved.
   */
  public static byte[] rootFromPath(byte[] leafHash, long index, long size, ByteBuffer path) {
    Objects.requireNonNull(leafHash, "leafHash");
    if (size < 1 || size > MAX_LEAVES || index < 0 || index >= size || path == null
        || leafHash.length != Sha256.LENGTH || path.remaining() % Sha256.LENGTH != 0) {
      return null;
    }
    ByteBuffer entries = path.duplicate();
    byte[] p = new byte[Sha256.LENGTH];
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    while (entries.hasRemaining()) {
      if (sn == 0) {
        return null;
      }
      entries.get(p);
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 ? r : null;
  }
}
