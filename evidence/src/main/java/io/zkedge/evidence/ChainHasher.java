package io.zkedge.evidence;

import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import java.nio.ByteBuffer;

/**
 * The per-sensor hash chain: the hash of a signed record is
 * {@code SHA-256(canonical bytes || signature)} ({@link VerdictCanonicalForm}), and it is the next
 * record's {@code prevHash}. The first record of a chain has {@code chainIndex} 0 and a
 * {@code prevHash} of 32 zero bytes. Verdicts and compliance records form separate chains.
 *
 * <p>Because the signature is hashed too, a record re-signed by another key changes the link to
 * its successor even when its fields do not change. Pure and thread-safe.
 */
public final class ChainHasher {
  private static final byte[] GENESIS = new byte[Sha256.LENGTH];

  private ChainHasher() {}

  /** The {@code prevHash} of a chain's first record: 32 zero bytes (a fresh copy). */
  public static byte[] genesisPrevHash() {
    return GENESIS.clone();
  }

  /** Whether {@code prevHash} is the genesis value; its position and limit are not moved. */
  public static boolean isGenesis(ByteBuffer prevHash) {
    return prevHash != null && prevHash.remaining() == Sha256.LENGTH
        && prevHash.duplicate().equals(ByteBuffer.wrap(GENESIS));
  }

  /**
   * The chain hash of a signed verdict.
   *
   * @throws IllegalArgumentException if the verdict has no signature or a field is missing
   */
  public static byte[] hash(Verdict signed) {
    return Sha256.of(VerdictCanonicalForm.of(signed), signatureOf(signed.getSignature()));
  }

  /**
   * The chain hash of a signed compliance record.
   *
   * @throws IllegalArgumentException if the record has no signature or a field is missing
   */
  public static byte[] hash(ComplianceRecord signed) {
    return Sha256.of(VerdictCanonicalForm.of(signed), signatureOf(signed.getSignature()));
  }

  static byte[] hash(byte[] canonical, byte[] signature) {
    return Sha256.of(canonical, signature);
  }

  static byte[] signatureOf(ByteBuffer signature) {
    if (signature == null) {
      throw new IllegalArgumentException("the record is not signed (signature is null)");
    }
    ByteBuffer d = signature.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
