package io.zkedge.operators.verify;

import io.zkedge.schemas.ModuleAnnouncement;
import java.io.Serializable;

/**
 * Where a subtask's verifiers come from. It travels with the job graph and runs in
 * {@code open()} of each subtask of {@link BatchVerifyOperator}, so it holds only what is needed
 * to find and check the modules (a path, a trust store), never compiled modules.
 *
 * <p>Implementations: {@link TrustBundleVerifierProvider} (production: modules from a trust bundle,
 * each checked against the trusted signing keys) and {@link BundledVerifierProvider} (demo and
 * development only: the modules packaged in the verifier-host jar, unsigned).
 */
public interface VerifierProvider extends Serializable {

    /**
     * Loads and checks the modules and makes this subtask's verifiers.
     *
     * @param maxBatchSize most statements per module call
     * @throws Exception if a module is missing, unsigned, tampered or does not load; the subtask
     *     then fails to start, with the reason in the message
     */
    LoadedVerifiers load(int maxBatchSize) throws Exception;

    /**
     * Checks a module or verification key announced on the control topic ({@code zkedge.modules})
     * as strictly as {@link #load} checks the bundle's, and makes the verifiers that are to
     * replace the current ones for the statements it serves. Nothing changes until the caller
     * calls {@link AnnouncedVerifier#activated()} (after its self-test passed and the verifiers
     * are in use).
     *
     * @param announcement the decoded announcement
     * @param maxBatchSize most statements per module call
     * @throws Exception if the announcement is refused (an {@link io.zkedge.trust.UntrustedArtifactException}
     *     says which check failed); the caller keeps the verifier it has
     */
    AnnouncedVerifier accept(ModuleAnnouncement announcement, int maxBatchSize) throws Exception;
}
