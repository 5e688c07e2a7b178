package io.zkedge.evidence;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a sensor's chain continues: the {@code chainIndex} and {@code prevHash} that its next
 * record gets. A Flink operator keeps one per sensor in keyed state (the two values,
 * {@link #nextIndex()} and {@link #prevHash()}, and rebuilds it with {@link #of}). Immutable.
 */
public final class ChainPosition {
  private static final ChainPosition GENESIS = new ChainPosition(0, ChainHasher.genesisPrevHash());

  private final long nextIndex;
  private final byte[] prevHash;

  private ChainPosition(long nextIndex, byte[] prevHash) {
    this.nextIndex = nextIndex;
    this.prevHash = prevHash;
  }

  /** The start of a chain: index 0, 32 zero bytes. */
  public static ChainPosition genesis() {
    return GENESIS;
  }

  /**
   * A position restored from state.
   *
   * @throws IllegalArgumentException if the index is negative or the hash is not 32 bytes
   */
  public static ChainPosition of(long nextIndex, byte[] prevHash) {
    Objects.requireNonNull(prevHash, "prevHash");
    if (nextIndex < 0) {
      throw new IllegalArgumentException("nextIndex must not be negative: " + nextIndex);
    }
    if (prevHash.length != Sha256.LENGTH) {
      throw new IllegalArgumentException("prevHash must have 32 bytes, not " + prevHash.length);
    }
    return new ChainPosition(nextIndex, prevHash.clone());
  }

  /** The chainIndex of the next record. */
  public long nextIndex() {
    return nextIndex;
  }

  /** The prevHash of the next record (a copy). */
  public byte[] prevHash() {
    return prevHash.clone();
  }

  ByteBuffer prevHashBuffer() {
    return ByteBuffer.wrap(prevHash.clone());
  }

  /** The position after a record with {@link #nextIndex()} whose chain hash is {@code hash}. */
  ChainPosition advance(byte[] hash) {
    return new ChainPosition(Math.addExact(nextIndex, 1), hash.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChainPosition && ((ChainPosition) o).nextIndex == nextIndex
        && Arrays.equals(((ChainPosition) o).prevHash, prevHash);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(nextIndex) * 31 + Arrays.hashCode(prevHash);
  }

  @Override
  public String toString() {
    return "ChainPosition[next=" + nextIndex + ", prevHash=" + Sha256.hex(prevHash) + "]";
  }
}
