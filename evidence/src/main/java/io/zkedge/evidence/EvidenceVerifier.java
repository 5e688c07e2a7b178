package io.zkedge.evidence;

import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks the signatures of verdicts and compliance records against a set of trusted edge-node
 * public keys, looked up by the record's {@code signerKeyId}. Offline: it needs only public keys.
 *
 * <pre>{@code
 * EvidenceVerifier verifier = new EvidenceVerifier(TrustStore.loadDirectory(keysDir).keys());
 * if (verifier.verify(verdict) != SignatureStatus.OK) { ... }
 * }</pre>
 *
 * <p>A record's signature covers the seal of its batch ({@link EvidenceSigner}): the verifier
 * recomputes the Merkle root from the record's hash and inclusion path, then checks the signature
 * over the seal. Records of one batch share that check: the verifier remembers the last
 * {@value #REMEMBERED_SEALS} good seals, so an audit costs one Ed25519 verification per batch
 * rather than per record. Thread-safe.
 */
public final class EvidenceVerifier {
  static final int REMEMBERED_SEALS = 4096;

  private final Map<String, Ed25519PublicKey> keys;
  private final Set<ByteBuffer> goodSeals = ConcurrentHashMap.newKeySet();

  /** A verifier that trusts exactly these keys. */
  public EvidenceVerifier(Collection<Ed25519PublicKey> trustedKeys) {
    this.keys = trustedKeys.stream()
        .collect(Collectors.toUnmodifiableMap(Ed25519PublicKey::keyId, Function.identity(),
            (a, b) -> a));
  }

  /** The ids of the trusted keys. */
  public Set<String> trustedKeyIds() {
    return keys.keySet();
  }

  /** Whether the verdict is signed by a trusted key. */
  public SignatureStatus verify(Verdict verdict) {
    return verify(EvidenceKind.VERDICTS, verdict);
  }

  /** Whether the compliance record is signed by a trusted key. */
  public SignatureStatus verify(ComplianceRecord record) {
    return verify(EvidenceKind.COMPLIANCE_RECORDS, record);
  }

  /** Whether a record of this kind is signed by a trusted key. */
  public <T> SignatureStatus verify(EvidenceKind<T> kind, T record) {
    String keyId = kind.signerKeyId(record);
    Ed25519PublicKey key = keyId == null ? null : keys.get(keyId);
    if (key == null) {
      return SignatureStatus.UNKNOWN_KEY;
    }
    ByteBuffer signature = kind.signature(record);
    if (signature == null || signature.remaining() != Ed25519PublicKey.SIGNATURE_LENGTH) {
      return SignatureStatus.BAD_SIGNATURE;
    }
    byte[] leaf;
    try {
      leaf = ChainHasher.hash(kind, record);
    } catch (IllegalArgumentException e) {
      return SignatureStatus.BAD_SIGNATURE; // a record with missing fields was never signed as is
    }
    int treeSize = kind.merkleTreeSize(record);
    byte[] root = MerkleTree.rootFromPath(leaf, kind.merkleLeafIndex(record), treeSize,
        kind.merklePath(record));
    if (root == null) {
      return SignatureStatus.BAD_SIGNATURE;
    }
    byte[] message = EvidenceSigner.sealMessage(treeSize, root);
    byte[] sig = new byte[Ed25519PublicKey.SIGNATURE_LENGTH];
    signature.duplicate().get(sig);
    ByteBuffer seal = sealId(keyId, message, sig);
    if (goodSeals.contains(seal)) {
      return SignatureStatus.OK;
    }
    if (!key.verify(message, sig)) {
      return SignatureStatus.BAD_SIGNATURE;
    }
    if (goodSeals.size() >= REMEMBERED_SEALS) {
      goodSeals.clear();
    }
    goodSeals.add(seal);
    return SignatureStatus.OK;
  }

  /** What a checked seal is remembered by: the key, the signed bytes and the signature. */
  private static ByteBuffer sealId(String keyId, byte[] message, byte[] signature) {
    byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + id.length + message.length + signature.length)
        .putInt(id.length).put(id).put(message).put(signature).flip();
  }

  @Override
  public String toString() {
    return "EvidenceVerifier" + keys.keySet();
  }
}
