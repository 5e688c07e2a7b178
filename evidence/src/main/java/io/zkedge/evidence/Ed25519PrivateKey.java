package io.zkedge.evidence;

import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key (RFC 8032: the 32-byte secret seed). Signing is stateless: one instance
 * may sign from many threads. {@link #toString()} shows only the key id.
 */
public final class Ed25519PrivateKey {
  /** Bytes in a secret seed. */
  public static final int LENGTH = 32;

  private final Ed25519PrivateKeyParameters params;
  private final Ed25519PublicKey publicKey;

  Ed25519PrivateKey(Ed25519PrivateKeyParameters params) {
    this.params = params;
    this.publicKey = new Ed25519PublicKey(params.generatePublicKey());
  }

  /**
   * The key with this 32-byte secret seed (RFC 8032's "private key").
   *
   * @throws IllegalArgumentException if it is not 32 bytes
   */
  public static Ed25519PrivateKey fromSeed(byte[] seed) {
    Objects.requireNonNull(seed, "seed");
    if (seed.length != LENGTH) {
      throw new IllegalArgumentException("an Ed25519 secret key has 32 bytes, not " + seed.length);
    }
    return new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(seed, 0));
  }

  /** The matching public key. */
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /** The key id of the matching public key. */
  public String keyId() {
    return publicKey.keyId();
  }

  /** The 32-byte secret seed (a copy). Handle with care. */
  public byte[] seed() {
    return params.getEncoded();
  }

  /** The 64-byte pure Ed25519 signature of {@code message} (deterministic). */
  public byte[] sign(byte[] message) {
    return sign(message, 0, message.length);
  }

  byte[] sign(byte[] message, int offset, int length) {
    byte[] signature = new byte[Ed25519PublicKey.SIGNATURE_LENGTH];
    params.sign(Ed25519.Algorithm.Ed25519, null, message, offset, length, signature, 0);
    return signature;
  }

  @Override
  public String toString() {
    return "Ed25519PrivateKey[" + keyId() + "]";
  }
}
