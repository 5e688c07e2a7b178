package io.zkedge.trust;

import io.zkedge.evidence.Ed25519PublicKey;
import io.zkedge.evidence.Sha256;
import io.zkedge.schemas.ArtifactKind;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.trust.UntrustedArtifactException.Reason;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether an artifact may run: its manifest must be signed by a key in the
 * {@link TrustStore}, and describe exactly these bytes. The steps, in order (docs/trust.md):
 *
 * <ol>
 *   <li>the manifest is at most {@value ModuleManifest#MAX_BYTES} bytes and parses as a canonical
 *       manifest;
 *   <li>its {@code signer} is a trusted key id;
 *   <li>the 64-byte signature verifies under that key over the manifest bytes;
 *   <li>its {@code name} and {@code kind} are the expected ones (a verification key's name is its
 *       circuit id: its {@code sha256} in hex);
 *   <li>SHA-256 of the artifact bytes equals its {@code sha256}.
 * </ol>
 *
 * <p>Used by {@link TrustBundle} for files and directly for {@code zkedge.modules}
 * announcements. Immutable and thread-safe.
 */
public final class ArtifactVerifier {
  private final TrustStore trustStore;

  /** A verifier that trusts the keys of {@code trustStore}. */
  public ArtifactVerifier(TrustStore trustStore) {
    this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
  }

  /** The trust store. */
  public TrustStore trustStore() {
    return trustStore;
  }

  /**
   * Verifies an artifact given as bytes.
   *
   * @param name the name the artifact is known by (file base name, announcement artifactId)
   * @param kind the kind of artifact expected
   * @throws UntrustedArtifactException if any step fails
   */
  public VerifiedModule verify(String name, ArtifactKind kind, byte[] manifestBytes,
      byte[] signature, byte[] artifactBytes) throws UntrustedArtifactException {
    return verify(name, kind, manifestBytes, signature, artifactBytes,
        name + " (manifest)", name + " (signature)", name + " (artifact)");
  }

  /**
   * Verifies a {@code zkedge.modules} announcement: the artifact as above, and the
   * announcement's own fields (kind, proof system, ABI version, signer) must agree with the
   * signed manifest.
   *
   * @throws UntrustedArtifactException if any check fails
   */
  public VerifiedModule verify(ModuleAnnouncement announcement)
      throws UntrustedArtifactException {
    String label = "announcement of " + announcement.getArtifactId();
    VerifiedModule module = verify(announcement.getArtifactId(), announcement.getKind(),
        bytes(announcement.getManifest()), bytes(announcement.getSignature()),
        bytes(announcement.getArtifact()), label, label, label);
    if (module.proofSystem() != announcement.getProofSystem()
        || module.abiVersion() != announcement.getAbiVersion()
        || !module.signerKeyId().equals(announcement.getSignerKeyId())) {
      throw new UntrustedArtifactException(Reason.FIELD_MISMATCH, label, "announced "
          + announcement.getProofSystem() + ", abi " + announcement.getAbiVersion()
          + ", signer " + announcement.getSignerKeyId() + " but the signed manifest says "
          + module.proofSystem() + ", abi " + module.abiVersion() + ", signer "
          + module.signerKeyId());
    }
    return module;
  }

  VerifiedModule verify(String name, ArtifactKind kind, byte[] manifestBytes, byte[] signature,
      byte[] artifactBytes, String manifestLabel, String signatureLabel, String artifactLabel)
      throws UntrustedArtifactException {
    if (manifestBytes.length > ModuleManifest.MAX_BYTES) {
      throw new UntrustedArtifactException(Reason.TOO_LARGE, manifestLabel,
          manifestBytes.length + " bytes, over the manifest limit of " + ModuleManifest.MAX_BYTES);
    }
    ModuleManifest manifest;
    try {
      manifest = ModuleManifest.parse(manifestBytes);
    } catch (ManifestFormatException e) {
      throw new UntrustedArtifactException(Reason.MALFORMED_MANIFEST, manifestLabel,
          e.getMessage());
    }
    Optional<Ed25519PublicKey> key = trustStore.find(manifest.signerKeyId());
    if (key.isEmpty()) {
      throw new UntrustedArtifactException(Reason.UNKNOWN_SIGNER, manifestLabel, "signed by key "
          + manifest.signerKeyId() + ", which is not among the " + trustStore.size()
          + " keys of the trust store");
    }
    if (signature.length != Ed25519PublicKey.SIGNATURE_LENGTH) {
      throw new UntrustedArtifactException(Reason.MALFORMED_SIGNATURE, signatureLabel,
          "an Ed25519 signature has 64 bytes, not " + signature.length);
    }
    if (!key.get().verify(manifestBytes, signature)) {
      throw new UntrustedArtifactException(Reason.BAD_SIGNATURE, signatureLabel,
          "the signature does not verify under key " + manifest.signerKeyId()
              + " over the manifest bytes");
    }
    if (!manifest.name().equals(name)) {
      throw new UntrustedArtifactException(Reason.NAME_MISMATCH, manifestLabel,
          "the manifest is for '" + manifest.name() + "', not '" + name + "'");
    }
    if (manifest.kind() != kind) {
      throw new UntrustedArtifactException(Reason.KIND_MISMATCH, manifestLabel,
          "the manifest is for a " + manifest.kind() + ", not a " + kind);
    }
    if (kind == ArtifactKind.VERIFICATION_KEY && !manifest.name().equals(manifest.sha256Hex())) {
      // A key is known by its circuit id: a name that is not its digest would let one signed key
      // stand in for another circuit's.
      throw new UntrustedArtifactException(Reason.NAME_MISMATCH, manifestLabel,
          "a verification key is named by its circuit id, the SHA-256 " + manifest.sha256Hex()
              + " of its bytes, not '" + manifest.name() + "'");
    }
    byte[] actual = Sha256.of(artifactBytes);
    if (!MessageDigest.isEqual(actual, manifest.sha256())) {
      throw new UntrustedArtifactException(Reason.DIGEST_MISMATCH, artifactLabel,
          "SHA-256 of its " + artifactBytes.length + " bytes is " + Sha256.hex(actual)
              + ", the signed manifest says " + manifest.sha256Hex());
    }
    return new VerifiedModule(manifest, artifactBytes);
  }

  private static byte[] bytes(ByteBuffer b) {
    if (b == null) {
      return new byte[0];
    }
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}
