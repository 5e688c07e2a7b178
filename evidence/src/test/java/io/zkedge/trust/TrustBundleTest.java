package io.zkedge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.evidence.KeyFormatException;
import io.zkedge.evidence.Sha256;
import io.zkedge.evidence.testutils.Fixtures;
import io.zkedge.schemas.ArtifactKind;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.UntrustedArtifactException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustBundleTest {
  private static final Ed25519PrivateKey RELEASE_KEY = Fixtures.key(30);
  private static final Ed25519PrivateKey STRANGER_KEY = Fixtures.key(31);
  private static final String VERIFIER = "zkedge_bulletproofs_verifier";
  private static final String PROVER = "zkedge_bulletproofs_prover";
  private static final Instant CREATED = Instant.parse("2026-11-24T04:10:00Z");

  @TempDir
  Path tmp;

  private Path bundleDir;
  private Path modules;
  private TrustStore trustStore;
  private byte[] verifierBytes;

  @BeforeEach
  void writeAGoodBundle() throws Exception {
    Path keys = Files.createDirectories(tmp.resolve("trusted-keys"));
    Ed25519Keys.writePublicKey(RELEASE_KEY.publicKey(), keys.resolve("release.pub"));
    Files.writeString(keys.resolve("README"), "not a key, ignored");
    trustStore = TrustStore.loadDirectory(keys);

    bundleDir = tmp.resolve("bundle");
    verifierBytes = wasm(117_511, 1);
    ManifestSigner signer = new ManifestSigner(RELEASE_KEY);
    signer.writeModule(bundleDir, VERIFIER, ProofSystem.BULLETPROOFS, 1, verifierBytes, CREATED);
    signer.writeModule(bundleDir, PROVER, ProofSystem.BULLETPROOFS, 1, wasm(123_420, 2), CREATED);
    modules = bundleDir.resolve("modules");
  }

  @Test
  void shouldLoadTheTrustStoreFromPublicKeyFiles() {
    assertThat(trustStore.keyIds()).containsExactly(RELEASE_KEY.keyId());
    assertThat(trustStore.find(RELEASE_KEY.keyId())).contains(RELEASE_KEY.publicKey());
    assertThat(trustStore.contains(STRANGER_KEY.keyId())).isFalse();
  }

  @Test
  void shouldAcceptAGoodBundle() throws Exception {
    TrustBundle bundle = TrustBundle.open(bundleDir, trustStore);

    List<VerifiedModule> all = bundle.verifyAll();
    VerifiedModule verifier = bundle.module(VERIFIER);

    assertThat(all).extracting(VerifiedModule::name).containsExactly(PROVER, VERIFIER);
    assertThat(verifier.name()).isEqualTo(VERIFIER);
    assertThat(verifier.kind()).isEqualTo(ArtifactKind.VERIFIER_MODULE);
    assertThat(verifier.proofSystem()).isEqualTo(ProofSystem.BULLETPROOFS);
    assertThat(verifier.abiVersion()).isEqualTo(1);
    assertThat(verifier.bytes()).isEqualTo(verifierBytes);
    assertThat(verifier.sha256()).isEqualTo(Sha256.of(verifierBytes));
    assertThat(verifier.signerKeyId()).isEqualTo(RELEASE_KEY.keyId());
    assertThat(verifier.createdAt()).isEqualTo(CREATED);
  }

  @Test
  void shouldRefuseTamperedModuleBytes() throws Exception {
    byte[] tampered = verifierBytes.clone();
    tampered[5000] ^= 0x01;
    Files.write(modules.resolve(VERIFIER + ".wasm"), tampered);

    UntrustedArtifactException e = refusal(VERIFIER);

    assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH);
    assertThat(e.artifact()).isEqualTo(modules.resolve(VERIFIER + ".wasm").toString());
    assertThat(e.getMessage()).startsWith("refused " + modules.resolve(VERIFIER + ".wasm")
        + ": DIGEST_MISMATCH: SHA-256 of its 117511 bytes is " + Sha256.hex(Sha256.of(tampered))
        + ", the signed manifest says " + Sha256.hex(Sha256.of(verifierBytes)));
  }

  @Test
  void shouldRefuseATamperedManifest() throws Exception {
    Path manifest = modules.resolve(VERIFIER + ".manifest");
    String text = Files.readString(manifest).replace("abi-version: 1", "abi-version: 2");
    Files.writeString(manifest, text);

    UntrustedArtifactException e = refusal(VERIFIER);

    assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(e.getMessage()).contains(VERIFIER + ".manifest.sig")
        .contains("does not verify under key " + RELEASE_KEY.keyId());
  }

  @Test
  void shouldRefuseAManifestWhoseHashWasSwappedForAnotherModule() throws Exception {
    // An attacker points the manifest at their own module: the signature no longer covers it.
    byte[] evil = wasm(1000, 9);
    Path manifest = modules.resolve(VERIFIER + ".manifest");
    Files.writeString(manifest, Files.readString(manifest)
        .replace(Sha256.hex(Sha256.of(verifierBytes)), Sha256.hex(Sha256.of(evil))));
    Files.write(modules.resolve(VERIFIER + ".wasm"), evil);

    assertThat(refusal(VERIFIER).reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void shouldRefuseAModuleSignedByAnUnknownKey() throws Exception {
    new ManifestSigner(STRANGER_KEY).writeModule(bundleDir, VERIFIER, ProofSystem.BULLETPROOFS,
        1, wasm(1000, 9), CREATED);

    UntrustedArtifactException e = refusal(VERIFIER);

    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SIGNER);
    assertThat(e.getMessage()).contains(VERIFIER + ".manifest")
        .contains("signed by key " + STRANGER_KEY.keyId()
            + ", which is not among the 1 keys of the trust store");
  }

  @Test
  void shouldRefuseAModuleWithoutItsSignatureFile() throws Exception {
    Files.delete(modules.resolve(VERIFIER + ".manifest.sig"));

    UntrustedArtifactException e = refusal(VERIFIER);

    assertThat(e.reason()).isEqualTo(Reason.MISSING_FILE);
    assertThat(e.getMessage()).isEqualTo("refused " + modules.resolve(VERIFIER + ".manifest.sig")
        + ": MISSING_FILE: the file does not exist");
  }

  @Test
  void shouldRefuseAManifestWithoutItsModuleAndListIt() throws Exception {
    Files.delete(modules.resolve(PROVER + ".wasm"));
    TrustBundle bundle = TrustBundle.open(bundleDir, trustStore);

    assertThat(bundle.moduleNames()).containsExactly(PROVER, VERIFIER);
    assertThat(refusal(PROVER).reason()).isEqualTo(Reason.MISSING_FILE);
    UntrustedArtifactException all =
        catchThrowableOfType(UntrustedArtifactException.class, bundle::verifyAll);
    assertThat(all.reason()).isEqualTo(Reason.MISSING_FILE);
  }

  @Test
  void shouldRefuseAMalformedSignatureFile() throws Exception {
    Path sig = modules.resolve(VERIFIER + ".manifest.sig");
    Files.writeString(sig, Files.readString(sig).toUpperCase());

    assertThat(refusal(VERIFIER).reason()).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void shouldRefuseASignedModuleRenamedToAnotherName() throws Exception {
    for (String suffix : List.of(".wasm", ".manifest", ".manifest.sig")) {
      Files.copy(modules.resolve(PROVER + suffix), modules.resolve(VERIFIER + suffix),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    UntrustedArtifactException e = refusal(VERIFIER);

    assertThat(e.reason()).isEqualTo(Reason.NAME_MISMATCH);
    assertThat(e.getMessage()).contains("the manifest is for '" + PROVER + "', not '" + VERIFIER);
  }

  @Test
  void shouldRefuseNamesThatCouldLeaveTheBundle() {
    assertThat(refusal("../../etc/passwd").reason()).isEqualTo(Reason.INVALID_NAME);
    assertThat(refusal("Verifier").reason()).isEqualTo(Reason.INVALID_NAME);
  }

  @Test
  void shouldRefuseAnOversizedModuleWithoutReadingIt() throws Exception {
    try (var out = Files.newByteChannel(modules.resolve(VERIFIER + ".wasm"),
        java.nio.file.StandardOpenOption.WRITE)) {
      out.position(TrustBundle.MAX_MODULE_BYTES);
      out.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
    }

    assertThat(refusal(VERIFIER).reason()).isEqualTo(Reason.TOO_LARGE);
  }

  @Test
  void shouldNameTheKeyFileThatIsNotAKey() throws Exception {
    Path keys = tmp.resolve("trusted-keys");
    Files.writeString(keys.resolve("broken.pub"), "-----BEGIN PUBLIC KEY-----\nAAAA\n"
        + "-----END PUBLIC KEY-----\n", StandardCharsets.US_ASCII);

    KeyFormatException e =
        catchThrowableOfType(KeyFormatException.class, () -> TrustStore.loadDirectory(keys));

    assertThat(e).hasMessageContaining(keys.resolve("broken.pub").toString());
  }

  @Test
  void shouldAcceptASignedVerificationKeyNamedByItsCircuitId() throws Exception {
    byte[] key = wasm(708, 3);
    String circuitId = Sha256.hex(Sha256.of(key));
    new ManifestSigner(RELEASE_KEY).writeVerificationKey(bundleDir, ProofSystem.GROTH16, 1, key,
        CREATED);
    TrustBundle bundle = TrustBundle.open(bundleDir, trustStore);

    assertThat(bundle.verificationKeyIds()).containsExactly(circuitId);
    VerifiedModule verified = bundle.verificationKey(circuitId);
    assertThat(verified.kind()).isEqualTo(ArtifactKind.VERIFICATION_KEY);
    assertThat(verified.proofSystem()).isEqualTo(ProofSystem.GROTH16);
    assertThat(verified.name()).isEqualTo(circuitId);
    assertThat(verified.bytes()).isEqualTo(key);
    assertThat(bundle.verificationKeys()).extracting(VerifiedModule::name).containsExactly(circuitId);
  }

  @Test
  void shouldListNoVerificationKeysWithoutAKeysDirectory() throws Exception {
    assertThat(TrustBundle.open(bundleDir, trustStore).verificationKeyIds()).isEmpty();
  }

  @Test
  void shouldRefuseATamperedVerificationKey() throws Exception {
    byte[] key = wasm(708, 3);
    String circuitId = Sha256.hex(Sha256.of(key));
    new ManifestSigner(RELEASE_KEY).writeVerificationKey(bundleDir, ProofSystem.GROTH16, 1, key,
        CREATED);
    key[100] ^= 1;
    Path keyFile = bundleDir.resolve("keys").resolve(circuitId + ".vk");
    Files.write(keyFile, key);

    UntrustedArtifactException e = keyRefusal(circuitId);

    assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH);
    assertThat(e.artifact()).isEqualTo(keyFile.toString());
  }

  @Test
  void shouldRefuseAnUnsignedOrStrangerSignedVerificationKey() throws Exception {
    byte[] key = wasm(708, 3);
    String circuitId = Sha256.hex(Sha256.of(key));
    new ManifestSigner(STRANGER_KEY).writeVerificationKey(bundleDir, ProofSystem.GROTH16, 1, key,
        CREATED);

    assertThat(keyRefusal(circuitId).reason()).isEqualTo(Reason.UNKNOWN_SIGNER);

    Files.delete(bundleDir.resolve("keys").resolve(circuitId + ".manifest.sig"));
    assertThat(keyRefusal(circuitId).reason()).isEqualTo(Reason.MISSING_FILE);
    assertThat(catchThrowableOfType(UntrustedArtifactException.class,
        () -> TrustBundle.open(bundleDir, trustStore).verificationKeys()).reason())
        .isEqualTo(Reason.MISSING_FILE);
  }

  @Test
  void shouldRefuseAVerificationKeyWhoseNameIsNotItsDigest() throws Exception {
    // A signed manifest for key K under the name of another circuit: the files are renamed to
    // that circuit id, and the manifest names it too, but its sha256 is K's.
    byte[] key = wasm(708, 3);
    String other = Sha256.hex(Sha256.of(wasm(708, 4)));
    SignedManifest signed = new ManifestSigner(RELEASE_KEY).sign(ModuleManifest.of(
        ArtifactKind.VERIFICATION_KEY, other, ProofSystem.GROTH16, 1, Sha256.of(key), CREATED,
        RELEASE_KEY.keyId()));
    Path keys = Files.createDirectories(bundleDir.resolve("keys"));
    Files.write(keys.resolve(other + ".vk"), key);
    Files.write(keys.resolve(other + ".manifest"), signed.manifestBytes());
    Files.writeString(keys.resolve(other + ".manifest.sig"), signed.signatureText());

    UntrustedArtifactException e = keyRefusal(other);

    assertThat(e.reason()).isEqualTo(Reason.NAME_MISMATCH);
    assertThat(e.getMessage()).contains("named by its circuit id");
  }

  @Test
  void shouldRefuseAModuleManifestPresentedAsAVerificationKey() throws Exception {
    byte[] key = wasm(708, 3);
    String circuitId = Sha256.hex(Sha256.of(key));
    SignedManifest signed = new ManifestSigner(RELEASE_KEY).sign(ModuleManifest.of(
        ArtifactKind.VERIFIER_MODULE, circuitId, ProofSystem.GROTH16, 1, Sha256.of(key), CREATED,
        RELEASE_KEY.keyId()));
    Path keys = Files.createDirectories(bundleDir.resolve("keys"));
    Files.write(keys.resolve(circuitId + ".vk"), key);
    Files.write(keys.resolve(circuitId + ".manifest"), signed.manifestBytes());
    Files.writeString(keys.resolve(circuitId + ".manifest.sig"), signed.signatureText());

    assertThat(keyRefusal(circuitId).reason()).isEqualTo(Reason.KIND_MISMATCH);
    assertThat(keyRefusal("../modules/" + VERIFIER).reason()).isEqualTo(Reason.INVALID_NAME);
  }

  private UntrustedArtifactException keyRefusal(String circuitId) {
    UntrustedArtifactException e = catchThrowableOfType(UntrustedArtifactException.class,
        () -> TrustBundle.open(bundleDir, trustStore).verificationKey(circuitId));
    assertThat(e).as("key %s must be refused", circuitId).isNotNull();
    return e;
  }

  private UntrustedArtifactException refusal(String name) {
    UntrustedArtifactException e = catchThrowableOfType(UntrustedArtifactException.class,
        () -> TrustBundle.open(bundleDir, trustStore).module(name));
    assertThat(e).as("module %s must be refused", name).isNotNull();
    return e;
  }

  private static byte[] wasm(int size, int seed) {
    byte[] b = new byte[size];
    byte[] magic = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    System.arraycopy(magic, 0, b, 0, magic.length);
    for (int i = magic.length; i < size; i++) {
      b[i] = (byte) (i * 13 + seed);
    }
    return b;
  }
}
