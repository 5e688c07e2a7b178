package io.zkedge.trust;

import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.schemas.ProofSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Creates signed manifests for release tooling and tests, and writes module bundles.
 *
 * <pre>{@code
 * ManifestSigner signer = new ManifestSigner(Ed25519Keys.readPrivateKey(releaseKey));
 * signer.writeModule(bundleDir, "zkedge_bulletproofs_verifier", ProofSystem.BULLETPROOFS, 1,
 *     Files.readAllBytes(wasm), Instant.now());
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ManifestSigner {
  private final Ed25519PrivateKey key;

  /** A signer with this key; the manifests it makes name the key's id as signer. */
  public ManifestSigner(Ed25519PrivateKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /** The signer's key id. */
  public String keyId() {
    return key.keyId();
  }

  /**
   * Signs a manifest's canonical bytes.
   *
   * @throws IllegalArgumentException if the manifest names another signer
   */
  public SignedManifest sign(ModuleManifest manifest) {
    if (!manifest.signerKeyId().equals(key.keyId())) {
      throw new IllegalArgumentException("the manifest names signer " + manifest.signerKeyId()
          + ", but this key is " + key.keyId());
    }
    return new SignedManifest(manifest, key.sign(manifest.toBytes()));
  }

  /** Makes and signs the manifest of a verifier module. */
  public SignedManifest signModule(String name, ProofSystem proofSystem, int abiVersion,
      byte[] moduleBytes, Instant createdAt) {
    return sign(ModuleManifest.forModule(name, proofSystem, abiVersion, moduleBytes, createdAt,
        key.keyId()));
  }

  /**
   * Writes {@code <bundleDir>/modules/<name>.wasm}, {@code .manifest} and {@code .manifest.sig},
   * replacing existing files one by one, each atomically ({@link AtomicFiles}).
   *
   * @return the signed manifest written
   */
  public SignedManifest writeModule(Path bundleDir, String name, ProofSystem proofSystem,
      int abiVersion, byte[] moduleBytes, Instant createdAt) throws IOException {
    SignedManifest signed = signModule(name, proofSystem, abiVersion, moduleBytes, createdAt);
    Path modules = Files.createDirectories(bundleDir.resolve(TrustBundle.MODULES_DIR));
    AtomicFiles.write(modules.resolve(name + TrustBundle.MODULE_SUFFIX), moduleBytes);
    AtomicFiles.write(modules.resolve(name + TrustBundle.MANIFEST_SUFFIX), signed.manifestBytes());
    AtomicFiles.write(modules.resolve(name + TrustBundle.SIGNATURE_SUFFIX),
        signed.signatureText().getBytes(StandardCharsets.US_ASCII));
    return signed;
  }

  /** Makes and signs the manifest of a verification key (its name is the circuit id). */
  public SignedManifest signVerificationKey(ProofSystem proofSystem, int abiVersion,
      byte[] keyBytes, Instant createdAt) {
    return sign(ModuleManifest.forVerificationKey(proofSystem, abiVersion, keyBytes, createdAt,
        key.keyId()));
  }

  /**
   * Writes {@code <bundleDir>/keys/<circuitId>.vk}, {@code .manifest} and {@code .manifest.sig},
   * replacing existing files, each atomically; the circuit id is the SHA-256 of {@code keyBytes}.
   *
   * @return the signed manifest written
   */
  public SignedManifest writeVerificationKey(Path bundleDir, ProofSystem proofSystem,
      int abiVersion, byte[] keyBytes, Instant createdAt) throws IOException {
    SignedManifest signed = signVerificationKey(proofSystem, abiVersion, keyBytes, createdAt);
    String name = signed.manifest().name();
    Path keys = Files.createDirectories(bundleDir.resolve(TrustBundle.KEYS_DIR));
    AtomicFiles.write(keys.resolve(name + TrustBundle.KEY_SUFFIX), keyBytes);
    AtomicFiles.write(keys.resolve(name + TrustBundle.MANIFEST_SUFFIX), signed.manifestBytes());
    AtomicFiles.write(keys.resolve(name + TrustBundle.SIGNATURE_SUFFIX),
        signed.signatureText().getBytes(StandardCharsets.US_ASCII));
    return signed;
  }

  @Override
  public String toString() {
    return "ManifestSigner[" + key.keyId() + "]";
  }
}
