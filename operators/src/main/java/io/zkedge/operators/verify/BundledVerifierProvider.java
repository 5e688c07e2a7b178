package io.zkedge.operators.verify;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.groth16.Groth16FormatException;
import io.zkedge.groth16.Groth16Modules;
import io.zkedge.groth16.Groth16VerifyingKey;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.wasm.WasmModule;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * <b>Demo and development only.</b> The modules packaged in the verifier-host jar, loaded without
 * any signature check: the Bulletproofs verifier and, if it was packaged, the Groth16 verifier
 * with the repository's sensor range circuit key ({@code circuits/build/verification_key.json},
 * packaged in canonical form as {@code sensor_range.vk}). The job uses it only when the
 * configuration says so explicitly ({@code verifier.allow-bundled-modules: true}); in production
 * modules and keys come from a signed trust bundle ({@link TrustBundleVerifierProvider}).
 */
public final class BundledVerifierProvider implements VerifierProvider {

    private static final long serialVersionUID = 1L;

    @Override
    public LoadedVerifiers load(int maxBatchSize) throws Groth16FormatException, InterruptedException {
        long start = System.nanoTime();
        WasmModule module = BundledModules.verifier();
        Map<StatementKey, StatementVerifier> verifiers = new HashMap<>();
        verifiers.put(StatementKey.BULLETPROOFS_RANGE_V1, new BulletproofsRangeVerifier(module, maxBatchSize));
        Duration compileTime = module.compileTime();
        String description = "UNSIGNED bundled module " + module;
        if (Groth16Modules.available()) {
            WasmModule groth16Module = Groth16Modules.verifier();
            Groth16ModuleInstance groth16 = new Groth16ModuleInstance(groth16Module, maxBatchSize);
            Groth16VerifyingKey key = Groth16ModuleInstance.sensorRangeKey();
            groth16.prepare(key);
            verifiers.put(new StatementKey(ProofSystem.GROTH16, key.circuitId()), new Groth16SensorRangeVerifier(groth16, key));
            compileTime = compileTime.plus(groth16Module.compileTime());
            description += ", UNSIGNED bundled module " + groth16Module + " with the sensor range key " + key.circuitId();
        }
        Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
        return new LoadedVerifiers(verifiers, loadTime, compileTime, description + " (demo/dev mode)");
    }

    /** Refuses every announcement: without a trust store there is nothing to check a signature against. */
    @Override
    public AnnouncedVerifier accept(ModuleAnnouncement announcement, int maxBatchSize) {
        throw new IllegalStateException("refused the announcement of " + announcement.getArtifactId()
                + ": this job runs the unsigned bundled modules (verifier.allow-bundled-modules) and has no trust store"
                + " to check announced modules against");
    }
}
