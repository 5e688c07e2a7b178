package io.zkedge.operators.verify;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.wasm.WasmModule;
import java.time.Duration;
import java.util.Map;

/**
 * <b>Demo and development only.</b> The Bulletproofs verifier module packaged in the
 * verifier-host jar, loaded without any signature check. The job uses it only when the
 * configuration says so explicitly ({@code verifier.allow-bundled-modules: true}); in production
 * modules come from a signed trust bundle ({@link TrustBundleVerifierProvider}).
 */
public final class BundledVerifierProvider implements VerifierProvider {

    private static final long serialVersionUID = 1L;

    @Override
    public LoadedVerifiers load(int maxBatchSize) {
        long start = System.nanoTime();
        WasmModule module = BundledModules.verifier();
        Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
        return new LoadedVerifiers(
                Map.of(StatementKey.BULLETPROOFS_RANGE_V1, new BulletproofsRangeVerifier(module, maxBatchSize)),
                loadTime,
                module.compileTime(),
                "UNSIGNED bundled module " + module + " (demo/dev mode)");
    }

    /** Refuses every announcement: without a trust store there is nothing to check a signature against. */
    @Override
    public AnnouncedVerifier accept(ModuleAnnouncement announcement, int maxBatchSize) {
        throw new IllegalStateException("refused the announcement of " + announcement.getArtifactId()
                + ": this job runs the unsigned bundled modules (verifier.allow-bundled-modules) and has no trust store"
                + " to check announced modules against");
    }
}
