package io.zkedge.evidence;

import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * <p>Immutable and thread-safe.
 */
public final class EvidenceVerifier {
  private final Map<String, Ed25519PublicKey> keys;

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

  /** Whether the verdict is signed by a trusted key over its canonical bytes. */
  public SignatureStatus verify(Verdict verdict) {
    Ed25519PublicKey key = keyFor(verdict.getSignerKeyId());
    if (key == null) {
      return SignatureStatus.UNKNOWN_KEY;
    }
    return check(key, () -> VerdictCanonicalForm.of(verdict), verdict.getSignature());
  }

  /** Whether the compliance record is signed by a trusted key over its canonical bytes. */
  public SignatureStatus verify(ComplianceRecord record) {
    Ed25519PublicKey key = keyFor(record.getSignerKeyId());
    if (key == null) {
      return SignatureStatus.UNKNOWN_KEY;
    }
    return check(key, () -> VerdictCanonicalForm.of(record), record.getSignature());
  }

  private Ed25519PublicKey keyFor(String keyId) {
    return keyId == null ? null : keys.get(keyId);
  }

  private static SignatureStatus check(Ed25519PublicKey key,
      Supplier<byte[]> canonical, ByteBuffer signature) {
    if (signature == null) {
      return SignatureStatus.BAD_SIGNATURE;
    }
    byte[] message;
    try {
      message = canonical.get();
    } catch (IllegalArgumentException e) {
      return SignatureStatus.BAD_SIGNATURE; // a record with missing fields was never signed as is
    }
    return key.verify(message, ChainHasher.signatureOf(signature))
        ? SignatureStatus.OK
        : SignatureStatus.BAD_SIGNATURE;
  }

  @Override
  public String toString() {
    return "EvidenceVerifier" + keys.keySet();
  }
}
