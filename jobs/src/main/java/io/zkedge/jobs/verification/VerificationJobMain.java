package io.zkedge.jobs.verification;

import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.jobs.kafka.KafkaEnds;
import io.zkedge.operators.chain.SignerProvider;
import io.zkedge.operators.verify.BundledVerifierProvider;
import io.zkedge.operators.verify.TrustBundleVerifierProvider;
import io.zkedge.operators.verify.VerifierProvider;
import io.zkedge.trust.UntrustedArtifactException;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the job jar: {@code flink run zkedge-jobs.jar --config zkedge.yaml [--key value ...]}.
 * Wires the production Kafka ends (read_committed source, EXACTLY_ONCE sinks) and the signed
 * verifier modules; see {@link VerificationJobConfig} and docs/configuration.md for the settings.
 *
 * <p>Before submitting, it checks on the client what every TaskManager will check again: that the
 * trust bundle's module verifies against the trusted keys, and that the signing key reads. So a
 * bad bundle or key stops the submission with a clear error instead of a restart loop.
 */
public final class VerificationJobMain {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationJobMain.class);

    private VerificationJobMain() {}

    public static void main(String[] args) throws Exception {
        VerificationJobConfig config = VerificationJobConfig.fromArgs(args);
        LOG.info("Starting {}", config);
        VerifierProvider verifiers = verifierProvider(config);
        SignerProvider signer = signerProvider(config);
        new VerificationJob(
                        config,
                        KafkaEnds.proofSource(config),
                        KafkaEnds.announcementSource(config),
                        KafkaEnds.verdictSink(config),
                        KafkaEnds.complianceSink(config),
                        KafkaEnds.deadLetterSink(config),
                        verifiers,
                        signer)
                .execute();
    }

    /**
     * The verifier modules: the trust bundle's, checked now; or, only if
     * {@code verifier.allow-bundled-modules} is set, the unsigned ones packaged in the jar.
     *
     * @throws UntrustedArtifactException if a module or key of the bundle is unsigned, tampered or
     *     signed by an untrusted key
     */
    public static VerifierProvider verifierProvider(VerificationJobConfig config) throws IOException, UntrustedArtifactException {
        String bundle = config.get(VerificationJobConfig.TRUST_BUNDLE_DIR);
        if (bundle == null) {
            LOG.warn("No trust bundle: verifying with the UNSIGNED modules packaged in the jar ({} = true). "
                    + "Demo and development only.", VerificationJobConfig.ALLOW_BUNDLED_MODULES.key());
            return new BundledVerifierProvider();
        }
        TrustBundleVerifierProvider provider = new TrustBundleVerifierProvider(
                bundle, config.get(VerificationJobConfig.TRUSTED_KEYS_DIR), config.get(VerificationJobConfig.VERIFIER_MODULE),
                config.get(VerificationJobConfig.GROTH16_MODULE));
        TrustBundleVerifierProvider.CheckedBundle checked = provider.check();
        LOG.info("Verifier modules and keys {} verified against the trust store", checked);
        return provider;
    }

    /** The signer; the key file is read once now so that a missing or bad key stops the submission. */
    public static SignerProvider signerProvider(VerificationJobConfig config) throws IOException {
        String path = config.get(VerificationJobConfig.SIGNING_KEY_PATH);
        String keyId = Ed25519Keys.readPrivateKey(Path.of(path)).keyId();
        LOG.info("Verdicts will be signed by key {} ({})", keyId, path);
        return SignerProvider.fromKeyFile(path);
    }
}
