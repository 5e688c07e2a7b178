package io.zkedge.bulletproofs;

import io.zkedge.wasm.WasmModule;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Builds a {@link BulletproofsVerifier}.
 *
 * <pre>{@code
 * BulletproofsVerifier verifier = BulletproofsVerifier.builder()
 *         .setModule(BundledModules.verifier())
 *         .build();
 * }</pre>
 *
 * <p>Defaults: batches of {@value BulletproofsAbi#MAX_BATCH_STATEMENTS} statements, seeds from a
 * new {@link SecureRandom}.
 */
public final class BulletproofsVerifierBuilder {

    private WasmModule module;
    private SecureRandom random;
    private int maxBatchSize = BulletproofsAbi.MAX_BATCH_STATEMENTS;

    BulletproofsVerifierBuilder() {}

    /** The verifier module; it must export {@code zk_verify_batch}. Required. */
    public BulletproofsVerifierBuilder setModule(WasmModule module) {
        this.module = Objects.requireNonNull(module, "module");
        return this;
    }

    /** Where the 32-byte seed of each call comes from (the weights of the combined check). */
    public BulletproofsVerifierBuilder setRandom(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /** Most statements per module call: 1 to 256. Smaller batches trade throughput for latency. */
    public BulletproofsVerifierBuilder setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /**
     * @throws IllegalArgumentException if the module is missing or lacks {@code zk_verify_batch},
     *     or the batch size is out of range
     */
    public BulletproofsVerifier build() {
        if (module == null) {
            throw new IllegalArgumentException("module must be set, e.g. BundledModules.verifier()");
        }
        if (!module.exportsFunction(BulletproofsAbi.VERIFY_BATCH)) {
            throw new IllegalArgumentException(
                    "module " + module.name() + " does not export " + BulletproofsAbi.VERIFY_BATCH);
        }
        if (maxBatchSize < 1 || maxBatchSize > BulletproofsAbi.MAX_BATCH_STATEMENTS) {
            throw new IllegalArgumentException("maxBatchSize must be in [1, "
                    + BulletproofsAbi.MAX_BATCH_STATEMENTS + "], was " + maxBatchSize);
        }
        return new BulletproofsVerifier(module, random != null ? random : new SecureRandom(), maxBatchSize);
    }
}
