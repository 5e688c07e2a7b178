package io.zkedge.evidence;

import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import java.nio.ByteBuffer;

/**
 * The per-sensor hash chain: the hash of a record is {@code SHA-256(0x00 || canonical bytes)}
 * ({@link VerdictCanonicalForm}; the RFC 6962 leaf hash, so the same value is the record's leaf
 * in the Merkle tree its signature covers), and it is the next record's {@code prevHash}. The
 * first record of a chain has {@code chainIndex} 0 and a {@code prevHash} of 32 zero bytes.
 * Verdicts and compliance records form separate chains.
 *
 * <p>The signature is not hashed: a record is chained before the batch it is signed in exists.
 * The signer's key id is in the canonical bytes, so a record re-signed by another key still
 * breaks the link to its successor. Pure and thread-safe.
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
   * The chain hash of a verdict.
   *
   * @throws IllegalArgumentException if a field of the canonical form is missing
   */
  public static byte[] hash(Verdict verdict) {
    return hash(EvidenceKind.VERDICTS, verdict);
  }

  /**
   * The chain hash of a compliance record.
   *
   * @throws IllegalArgumentException if a field of the canonical form is missing
   */
  public static byte[] hash(ComplianceRecord record) {
    return hash(EvidenceKind.COMPLIANCE_RECORDS, record);
  }

  /** The chain hash of a record of this kind. */
  public static <T> byte[] hash(EvidenceKind<T> kind, T record) {
    return MerkleTree.leafHash(kind.canonical(record));
  }
}
