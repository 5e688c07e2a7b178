package io.zkedge.evidence;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
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
  private final List<List<ByteBuffer>> paths;

  private MerkleTree(byte[] root, List<List<ByteBuffer>> paths) {
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
    List<List<ByteBuffer>> paths = new ArrayList<>(n);
    for (byte[] leaf : leafHashes) {
      if (leaf.length != Sha256.LENGTH) {
        throw new IllegalArgumentException("a leaf hash has 32 bytes, not " + leaf.length);
      }
      paths.add(new ArrayList<>(Integer.SIZE - Integer.numberOfLeadingZeros(n)));
    }
    byte[] root = build(leafHashes, 0, n, paths);
    List<List<ByteBuffer>> frozen = new ArrayList<>(n);
    for (List<ByteBuffer> path : paths) {
      frozen.add(Collections.unmodifiableList(path));
    }
    return new MerkleTree(root, Collections.unmodifiableList(frozen));
  }

  /** MTH of leaves [from, to); appends each sibling to the paths below it, deepest first. */
  private static byte[] build(List<byte[]> leaves, int from, int to, List<List<ByteBuffer>> paths) {
    if (to - from == 1) {
      return leaves.get(from);
    }
    int split = from + Integer.highestOneBit(to - from - 1);
    byte[] left = build(leaves, from, split, paths);
    byte[] right = build(leaves, split, to, paths);
    // A buffer of its own per path (its position is state), over the sibling's one array.
    for (int i = from; i < split; i++) {
      paths.get(i).add(ByteBuffer.wrap(right));
    }
    for (int i = split; i < to; i++) {
      paths.get(i).add(ByteBuffer.wrap(left));
    }
    return nodeHash(left, right);
  }

  /** The root hash (a copy). */
  public byte[] root() {
    return root.clone();
  }

  /** Number of leaves. */
  public int size() {
    return paths.size();
  }

  /**
   * The inclusion path of leaf {@code index}, leaf to root. The buffers are the tree's own and
   * back onto arrays shared between paths: do not write into them.
   */
  public List<ByteBuffer> path(int index) {
    return paths.get(index);
  }

  /**
   * The root that {@code path} leads to from {@code leafHash} at {@code index} in a tree of
   * {@code size} leaves (RFC 9162 §2.1.3.2), or null when the path cannot belong to such a tree:
   * a size outside 1..{@link #MAX_LEAVES}, an index outside the tree, an entry that is not 32
   * bytes, or a path that is too long or too short for the index and size.
   */
  public static byte[] rootFromPath(byte[] leafHash, long index, long size, List<ByteBuffer> path) {
    Objects.requireNonNull(leafHash, "leafHash");
    if (size < 1 || size > MAX_LEAVES || index < 0 || index >= size || path == null
        || leafHash.length != Sha256.LENGTH) {
      return null;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (ByteBuffer entry : path) {
      if (sn == 0 || entry == null || entry.remaining() != Sha256.LENGTH) {
        return null;
      }
      byte[] p = new byte[Sha256.LENGTH];
      entry.duplicate().get(p);
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
