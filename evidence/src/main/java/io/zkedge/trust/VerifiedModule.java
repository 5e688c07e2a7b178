package io.zkedge.trust;

import io.zkedge.schemas.ArtifactKind;
import io.zkedge.schemas.ProofSystem;
import java.time.Instant;

/**
 * An artifact whose signed manifest verified against the trust store and whose bytes match the
 * manifest's SHA-256. Only {@link ArtifactVerifier} (and so {@link TrustBundle}) creates one:
 * holding a {@code VerifiedModule} means the checks passed. Immutable.
 */
public final class VerifiedModule {
  private final ModuleManifest manifest;
  private final byte[] bytes;

  VerifiedModule(ModuleManifest manifest, byte[] bytes) {
    this.manifest = manifest;
    this.bytes = bytes.clone();
  }

  /** The module name. */
  public String name() {
    return manifest.name();
  }

  /** Module or verification key. */
  public ArtifactKind kind() {
    return manifest.kind();
  }

  /** The proof system it serves. */
  public ProofSystem proofSystem() {
    return manifest.proofSystem();
  }

  /** Its ABI version. */
  public int abiVersion() {
    return manifest.abiVersion();
  }

  /** The artifact bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** How many bytes the artifact has. */
  public int size() {
    return bytes.length;
  }

  /** SHA-256 of the bytes (a copy): what verdicts record as {@code moduleSha256}. */
  public byte[] sha256() {
    return manifest.sha256();
  }

  /** SHA-256 of the bytes, lowercase hex. */
  public String sha256Hex() {
    return manifest.sha256Hex();
  }

  /** The key id that signed the manifest. */
  public String signerKeyId() {
    return manifest.signerKeyId();
  }

  /** When the manifest was made. */
  public Instant createdAt() {
    return manifest.createdAt();
  }

  /** The verified manifest. */
  public ModuleManifest manifest() {
    return manifest;
  }

  @Override
  public String toString() {
    return "VerifiedModule[" + name() + ", " + proofSystem() + ", abi " + abiVersion() + ", "
        + sha256Hex() + ", signer " + signerKeyId() + "]";
  }
}
