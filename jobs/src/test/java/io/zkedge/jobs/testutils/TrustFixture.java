package io.zkedge.jobs.testutils;

import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.operators.testutils.Groth16Fixtures;
import io.zkedge.operators.testutils.ModuleReleases;
import io.zkedge.operators.testutils.TestSigner;
import io.zkedge.operators.verify.TrustBundleVerifierProvider;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.ManifestSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * A trust bundle with the bundled Bulletproofs verifier module signed by a fresh release key, the
 * directory that trusts that key, and the edge node's signing key ({@link TestSigner#key()}) as a
 * PEM file: what a production deployment provisions.
 *
 * @param bundleDir the bundle (modules/zkedge_bulletproofs_verifier.{wasm,manifest,manifest.sig})
 * @param trustedKeysDir holds release.pub
 * @param signingKey the edge node's PKCS#8 key file
 * @param releaseKey the trusted key that signed the bundle, for announcing further releases
 */
public record TrustFixture(Path bundleDir, Path trustedKeysDir, Path signingKey, Ed25519PrivateKey releaseKey) {

    /** Writes the fixture into {@code dir}; the edge node signs with the test key, unless {@code dir} has one. */
    public static TrustFixture create(Path dir) {
        return create(dir, null);
    }

    /** Writes the fixture into {@code dir}, with {@code edgeKey} as the edge node's key (null: as {@link #create(Path)}). */
    public static TrustFixture create(Path dir, Ed25519PrivateKey edgeKey) {
        try {
            Path bundle = Files.createDirectories(dir.resolve("bundle"));
            Path trusted = Files.createDirectories(dir.resolve("trusted-keys"));
            Ed25519PrivateKey release = Ed25519Keys.generate(new SecureRandom());
            new ManifestSigner(release).writeModule(bundle, TrustBundleVerifierProvider.DEFAULT_MODULE,
                    ProofSystem.BULLETPROOFS, 1, ModuleReleases.currentModule(), Instant.parse("2026-01-01T00:00:00Z"));
            Ed25519Keys.writePublicKey(release.publicKey(), trusted.resolve("release.pub"));
            Path signingKey = dir.resolve("edge-node.pem");
            if (edgeKey != null) {
                Ed25519Keys.writePrivateKey(edgeKey, signingKey);
            } else if (!Files.exists(signingKey)) {
                Ed25519Keys.writePrivateKey(TestSigner.key(), signingKey);
            }
            return new TrustFixture(bundle, trusted, signingKey, release);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fixture of {@link #create}, with the bundled Groth16 verifier module and the test
     * sensor circuit's verification key (testdata/groth16-sensor) added to the bundle, signed by
     * the same release key.
     */
    public static TrustFixture createWithGroth16(Path dir) {
        TrustFixture trust = create(dir);
        ManifestSigner signer = new ManifestSigner(trust.releaseKey());
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        try {
            signer.writeModule(trust.bundleDir(), TrustBundleVerifierProvider.DEFAULT_GROTH16_MODULE, ProofSystem.GROTH16, 1,
                    ModuleReleases.groth16Module(), created);
            signer.writeVerificationKey(trust.bundleDir(), ProofSystem.GROTH16, TrustBundleVerifierProvider.VERIFICATION_KEY_FORMAT,
                    Groth16Fixtures.keyBytes(), created);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return trust;
    }

    /** The module file of the bundle. */
    public Path moduleFile() {
        return bundleDir.resolve("modules").resolve(TrustBundleVerifierProvider.DEFAULT_MODULE + ".wasm");
    }
}
