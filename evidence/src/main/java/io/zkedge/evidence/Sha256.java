package io.zkedge.evidence;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256, and the lowercase hex that zkedge writes digests and key ids in. */
public final class Sha256 {
  /** Bytes in a digest. */
  public static final int LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();

  private Sha256() {}

  /** SHA-256 of the concatenation of {@code parts}. */
  public static byte[] of(byte[]... parts) {
    SHA256Digest digest = new SHA256Digest();
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return out;
  }

  /** SHA-256 of the bytes between the buffer's position and limit; the buffer is not moved. */
  public static byte[] of(ByteBuffer buffer) {
    SHA256Digest digest = new SHA256Digest();
    ByteBuffer b = buffer.duplicate();
    if (b.hasArray()) {
      digest.update(b.array(), b.arrayOffset() + b.position(), b.remaining());
    } else {
      byte[] copy = new byte[b.remaining()];
      b.get(copy);
      digest.update(copy, 0, copy.length);
    }
    byte[] out = new byte[LENGTH];
    digest.doFinal(out, 0);
    return out;
  }

  /** Lowercase hex of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
