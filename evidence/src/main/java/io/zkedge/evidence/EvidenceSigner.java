package io.zkedge.evidence;

import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Links verdicts and compliance records into per-sensor chains, and signs them in batches with an
 * edge node's Ed25519 key (docs/evidence.md).
 *
 * <pre>{@code
 * EvidenceSigner signer = new EvidenceSigner(Ed25519Keys.readPrivateKey(keyFile));
 * ChainPosition position = ChainPosition.genesis();      // per sensor, from keyed state
 * position = signer.chain(verdict, position);            // sets chainIndex, prevHash, signerKeyId
 * ...
 * signer.seal(EvidenceKind.VERDICTS, batch);             // one signature for the whole batch
 * }</pre>
 *
 * <p>Chaining and signing are separate steps because they happen in different places: a chain
 * is per sensor (keyed state), while one signature covers a batch of records of many sensors.
 * An Ed25519 signature costs about 30 µs, a record hash about 1 µs: signing each record would
 * cost a verification job more CPU than everything but the verifier itself.
 *
 * <p>A seal signs {@code str("zkedge.seal.v1") || u32be(n) || root}, where root is the RFC 6962
 * {@link MerkleTree} root over the batch's n record hashes; each record gets the signature, n,
 * its leaf index and its inclusion path. Methods set fields on the records they are given; they
 * do not copy them. Thread-safe: one signer may serve many threads.
 */
public final class EvidenceSigner {
  /** The label at the start of every signed seal. */
  public static final String SEAL_DOMAIN = "zkedge.seal.v1";

  private static final byte[] SEAL_LABEL = label(SEAL_DOMAIN);

  private final Ed25519PrivateKey key;
  private final String keyId;

  /** A signer with this key; {@code signerKeyId} of what it signs is the key's id. */
  public EvidenceSigner(Ed25519PrivateKey key) {
    this.key = Objects.requireNonNull(key, "key");
    this.keyId = key.keyId();
  }

  /** The key id this signer writes into {@code signerKeyId}. */
  public String keyId() {
    return keyId;
  }

  /** The public key that verifies this signer's signatures. */
  public Ed25519PublicKey publicKey() {
    return key.publicKey();
  }

  /**
   * Puts {@code verdict} at {@code position} in its sensor's chain: sets {@code chainIndex},
   * {@code prevHash} and {@code signerKeyId}, and returns the position after it. The verdict is
   * not signed yet ({@link #seal}): its signature is empty.
   *
   * @throws IllegalArgumentException if a field of the canonical form is missing
   */
  public ChainPosition chain(Verdict verdict, ChainPosition position) {
    return chain(EvidenceKind.VERDICTS, verdict, position);
  }

  /** Puts {@code record} at {@code position} in its sensor's compliance chain; see {@link #chain(Verdict, ChainPosition)}. */
  public ChainPosition chain(ComplianceRecord record, ChainPosition position) {
    return chain(EvidenceKind.COMPLIANCE_RECORDS, record, position);
  }

  private <T> ChainPosition chain(EvidenceKind<T> kind, T record, ChainPosition position) {
    kind.setChain(record, position.nextIndex(), position.prevHashBuffer(), keyId);
    // Until sealed: an empty signature, so the record is complete for Avro (and Flink, should it
    // cross a network edge before its seal) yet never verifies.
    kind.setSeal(record, ByteBuffer.allocate(0), 1, 0, ByteBuffer.allocate(0));
    return position.advance(ChainHasher.hash(kind, record));
  }

  /**
   * Signs {@code records} with one signature: sets {@code signature}, {@code merkleTreeSize},
   * {@code merkleLeafIndex} and {@code merklePath} of each.
   *
   * @throws IllegalArgumentException if there are no records or more than
   *     {@link MerkleTree#MAX_LEAVES}, a record names another signer, lacks a field, has a
   *     {@code prevHash} that is not 32 bytes or a negative {@code chainIndex}
   */
  public <T> void seal(EvidenceKind<T> kind, List<T> records) {
    List<byte[]> leaves = new ArrayList<>(records.size());
    for (T record : records) {
      requireChainFields(kind.chainIndex(record), kind.prevHash(record));
      if (!keyId.equals(kind.signerKeyId(record))) {
        throw new IllegalArgumentException("the record names signer " + kind.signerKeyId(record)
            + ", not this signer's key " + keyId);
      }
      leaves.add(ChainHasher.hash(kind, record));
    }
    MerkleTree tree = MerkleTree.of(leaves);
    ByteBuffer signature = ByteBuffer.wrap(key.sign(sealMessage(tree.size(), tree.root())));
    for (int i = 0; i < records.size(); i++) {
      kind.setSeal(records.get(i), i == 0 ? signature : signature.duplicate(), tree.size(), i,
          ByteBuffer.wrap(tree.path(i)));
    }
  }

  /**
   * Sets {@code signerKeyId} of {@code verdict} and signs it alone, keeping its chain fields.
   *
   * @return {@code verdict}
   * @throws IllegalArgumentException if a field is missing, {@code prevHash} is not 32 bytes or
   *     {@code chainIndex} is negative
   */
  public Verdict sign(Verdict verdict) {
    verdict.setSignerKeyId(keyId);
    seal(EvidenceKind.VERDICTS, List.of(verdict));
    return verdict;
  }

  /** Sets {@code signerKeyId} of {@code record} and signs it alone; see {@link #sign(Verdict)}. */
  public ComplianceRecord sign(ComplianceRecord record) {
    record.setSignerKeyId(keyId);
    seal(EvidenceKind.COMPLIANCE_RECORDS, List.of(record));
    return record;
  }

  /** {@link #chain} then a seal of the verdict alone: for writers of a record at a time. */
  public ChainPosition signChained(Verdict verdict, ChainPosition position) {
    ChainPosition next = chain(verdict, position);
    seal(EvidenceKind.VERDICTS, List.of(verdict));
    return next;
  }

  /** {@link #chain} then a seal of the record alone: for writers of a record at a time. */
  public ChainPosition signChained(ComplianceRecord record, ChainPosition position) {
    ChainPosition next = chain(record, position);
    seal(EvidenceKind.COMPLIANCE_RECORDS, List.of(record));
    return next;
  }

  /** The signed bytes of a seal: {@code str(SEAL_DOMAIN) || u32be(treeSize) || root}. */
  static byte[] sealMessage(int treeSize, byte[] root) {
    return ByteBuffer.allocate(SEAL_LABEL.length + 4 + root.length)
        .put(SEAL_LABEL).putInt(treeSize).put(root).array();
  }

  private static byte[] label(String domain) {
    byte[] utf8 = domain.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8).array();
  }

  private static void requireChainFields(long chainIndex, ByteBuffer prevHash) {
    if (chainIndex < 0) {
      throw new IllegalArgumentException("chainIndex must not be negative: " + chainIndex);
    }
    if (prevHash == null || prevHash.remaining() != Sha256.LENGTH) {
      throw new IllegalArgumentException("prevHash must have 32 bytes, not "
          + (prevHash == null ? "null" : prevHash.remaining()));
    }
  }

  @Override
  public String toString() {
    return "EvidenceSigner[" + keyId + "]";
  }
}
