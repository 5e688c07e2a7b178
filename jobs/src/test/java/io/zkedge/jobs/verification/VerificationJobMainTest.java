package io.zkedge.jobs.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.jobs.testutils.TrustFixture;
import io.zkedge.operators.testutils.Groth16Fixtures;
import io.zkedge.operators.testutils.TestSigner;
import io.zkedge.operators.verify.BundledVerifierProvider;
import io.zkedge.operators.verify.StatementKey;
import io.zkedge.operators.verify.TrustBundleVerifierProvider;
import io.zkedge.operators.verify.VerifierProvider;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.UntrustedArtifactException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the entry point checks before submitting: the trust bundle and the signing key. */
class VerificationJobMainTest {

    @TempDir
    Path dir;

    @Test
    void shouldLoadTheVerifierOfASignedBundle() throws Exception {
        TrustFixture trust = TrustFixture.create(dir);

        VerifierProvider provider = VerificationJobMain.verifierProvider(config(trust));

        assertThat(provider).isInstanceOf(TrustBundleVerifierProvider.class);
        assertThat(provider.load(64).verifiers()).containsOnlyKeys(StatementKey.BULLETPROOFS_RANGE_V1);
    }

    @Test
    void shouldLoadTheGroth16ModuleAndTheVerificationKeysOfASignedBundle() throws Exception {
        TrustFixture trust = TrustFixture.createWithGroth16(dir);

        VerifierProvider provider = VerificationJobMain.verifierProvider(config(trust));

        assertThat(provider.load(64).verifiers()).containsOnlyKeys(StatementKey.BULLETPROOFS_RANGE_V1,
                new StatementKey(ProofSystem.GROTH16, Groth16Fixtures.circuitId()));
    }

    @Test
    void shouldStopStartUpForATamperedOrUnsignedVerificationKey() throws Exception {
        TrustFixture trust = TrustFixture.createWithGroth16(dir);
        Path key = trust.bundleDir().resolve("keys").resolve(Groth16Fixtures.circuitId() + ".vk");
        byte[] bytes = Files.readAllBytes(key);
        bytes[bytes.length - 1] ^= 1;
        Files.write(key, bytes);

        assertThatThrownBy(() -> VerificationJobMain.verifierProvider(config(trust)))
                .isInstanceOf(UntrustedArtifactException.class)
                .hasMessageContaining("DIGEST_MISMATCH")
                .hasMessageContaining(Groth16Fixtures.circuitId() + ".vk");

        Files.delete(key.resolveSibling(Groth16Fixtures.circuitId() + ".manifest.sig"));
        assertThatThrownBy(() -> VerificationJobMain.verifierProvider(config(trust)))
                .isInstanceOf(UntrustedArtifactException.class)
                .hasMessageContaining("MISSING_FILE");
    }

    @Test
    void shouldStopStartUpForVerificationKeysWithoutAGroth16Module() throws Exception {
        TrustFixture trust = TrustFixture.createWithGroth16(dir);
        VerificationJobConfig otherName = config(trust).with(VerificationJobConfig.GROTH16_MODULE, "another_groth16_verifier");

        assertThatThrownBy(() -> VerificationJobMain.verifierProvider(otherName))
                .hasMessageContaining("but no Groth16 verifier module another_groth16_verifier");
    }

    @Test
    void shouldStopStartUpForATamperedModule() throws Exception {
        TrustFixture trust = TrustFixture.create(dir);
        byte[] module = Files.readAllBytes(trust.moduleFile());
        module[module.length - 1] ^= 1;
        Files.write(trust.moduleFile(), module);

        assertThatThrownBy(() -> VerificationJobMain.verifierProvider(config(trust)))
                .isInstanceOf(UntrustedArtifactException.class)
                .hasMessageContaining("DIGEST_MISMATCH")
                .hasMessageContaining("zkedge_bulletproofs_verifier");
    }

    @Test
    void shouldStopStartUpForAModuleSignedByAnUntrustedKey() throws Exception {
        TrustFixture trust = TrustFixture.create(dir);
        Files.delete(trust.trustedKeysDir().resolve("release.pub"));
        Ed25519Keys.writePublicKey(Ed25519Keys.generate().publicKey(), trust.trustedKeysDir().resolve("other.pub"));

        assertThatThrownBy(() -> VerificationJobMain.verifierProvider(config(trust)))
                .isInstanceOf(UntrustedArtifactException.class)
                .hasMessageContaining("UNKNOWN_SIGNER");
    }

    @Test
    void shouldStopStartUpForAnUnsignedModule() throws Exception {
        TrustFixture trust = TrustFixture.create(dir);
        Files.delete(trust.moduleFile().resolveSibling("zkedge_bulletproofs_verifier.manifest.sig"));

        assertThatThrownBy(() -> VerificationJobMain.verifierProvider(config(trust)))
                .isInstanceOf(UntrustedArtifactException.class)
                .hasMessageContaining("MISSING_FILE");
    }

    @Test
    void shouldUseTheUnsignedBundledModulesOnlyWhenAllowed() throws Exception {
        VerificationJobConfig demo = VerificationJobConfig.fromMap(Map.of(
                "verifier.allow-bundled-modules", "true", "signing.key-path", "/k.pem"));

        VerifierProvider provider = VerificationJobMain.verifierProvider(demo);
        assertThat(provider).isInstanceOf(BundledVerifierProvider.class);
        assertThat(provider.load(64).verifiers()).as("the packaged modules and the repository's sensor circuit key")
                .containsOnlyKeys(StatementKey.BULLETPROOFS_RANGE_V1, new StatementKey(ProofSystem.GROTH16, Groth16Fixtures.circuitId()));
    }

    @Test
    void shouldReadTheSigningKeyBeforeSubmitting() throws Exception {
        TrustFixture trust = TrustFixture.create(dir);

        assertThat(VerificationJobMain.signerProvider(config(trust)).open().keyId())
                .isEqualTo(TestSigner.key().keyId());
        VerificationJobConfig missing = config(trust).with(VerificationJobConfig.SIGNING_KEY_PATH, dir.resolve("none.pem").toString());
        assertThatThrownBy(() -> VerificationJobMain.signerProvider(missing)).hasMessageContaining("none.pem");
    }

    private static VerificationJobConfig config(TrustFixture trust) {
        return VerificationJobConfig.fromMap(Map.of(
                "verifier.trust-bundle-dir", trust.bundleDir().toString(),
                "verifier.trusted-keys-dir", trust.trustedKeysDir().toString(),
                "signing.key-path", trust.signingKey().toString()));
    }
}
