package io.zkedge.evidence;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 public key (RFC 8032) and its key id: the lowercase hex SHA-256 of the raw 32-byte
 * key. Immutable and thread-safe.
 */
public final class Ed25519PublicKey {
  /** Bytes in a raw public key. */
  public static final int LENGTH = 32;

  /** Bytes in a signature. */
  public static final int SIGNATURE_LENGTH = 64;

  private final Ed25519PublicKeyParameters params;
  private final byte[] raw;
  private final String keyId;

  Ed25519PublicKey(Ed25519PublicKeyParameters params) {
    this.params = params;
    this.raw = params.getEncoded();
    this.keyId = keyIdOf(raw);
  }

  /**
   * The key with this raw 32-byte encoding.
   *
   * @throws IllegalArgumentException if it is not 32 bytes or not a point on the curve
   */
  public static Ed25519PublicKey fromRaw(byte[] raw) {
    Objects.requireNonNull(raw, "raw");
    if (raw.length != LENGTH) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
    }
    try {
      return new Ed25519PublicKey(new Ed25519PublicKeyParameters(raw, 0));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid Ed25519 public key: " + Sha256.hex(raw), e);
    }
  }

  /** The key id of a raw public key: lowercase hex SHA-256 of its 32 bytes. */
  public static String keyIdOf(byte[] raw) {
    return Sha256.hex(Sha256.of(raw));
  }

  /** Lowercase hex SHA-256 of {@link #raw()}. */
  public String keyId() {
    return keyId;
  }

  /** The raw 32-byte encoding (a copy). */
  public byte[] raw() {
    return raw.clone();
  }

  /**
   * Whether {@code signature} is a valid Ed25519 signature (pure Ed25519, no context) of
   * {@code message} by this key. A signature of the wrong length is simply invalid.
   */
  public boolean verify(byte[] message, byte[] signature) {
    return verify(message, 0, message.length, signature);
  }

  boolean verify(byte[] message, int offset, int length, byte[] signature) {
    if (signature == null || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    return params.verify(Ed25519.Algorithm.Ed25519, null, message, offset, length, signature, 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519PublicKey && Arrays.equals(raw, ((Ed25519PublicKey) o).raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "Ed25519PublicKey[" + keyId + "]";
  }
}
