package io.zkedge.groth16;

import io.zkedge.wasm.AbiFunction;
import io.zkedge.wasm.WasmModule;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Builds a {@link Groth16Verifier}.
 *
 * <pre>{@code
 * Groth16Verifier verifier = Groth16Verifier.builder()
 *         .setModule(Groth16Modules.verifier())
 *         .build();
 * }</pre>
 *
 * <p>Defaults: batches of {@value Groth16Abi#MAX_BATCH_PROOFS} proofs, up to
 * {@value #DEFAULT_MAX_CACHED_KEYS} prepared keys (about 60 KB each), seeds from a new
 * {@link SecureRandom}.
 */
public final class Groth16VerifierBuilder {

    /** Prepared keys kept by default: zkedge runs a handful of circuits. */
    public static final int DEFAULT_MAX_CACHED_KEYS = 16;

    /** Most prepared keys a verifier may keep (about 64 MB). */
    public static final int MAX_CACHED_KEYS = 1024;

    private WasmModule module;
    private SecureRandom random;
    private int maxBatchSize = Groth16Abi.MAX_BATCH_PROOFS;
    private int maxCachedKeys = DEFAULT_MAX_CACHED_KEYS;

    Groth16VerifierBuilder() {}

    /** The Groth16 verifier module, e.g. {@link Groth16Modules#verifier()}. Required. */
    public Groth16VerifierBuilder setModule(WasmModule module) {
        this.module = Objects.requireNonNull(module, "module");
        return this;
    }

    /** Where the 32-byte seed of each batch comes from (the weights of the combined check). */
    public Groth16VerifierBuilder setRandom(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /** Most proofs per module call: 1 to 256. Smaller batches trade throughput for latency. */
    public Groth16VerifierBuilder setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /** Most prepared keys kept (least recently used goes first): 1 to {@value #MAX_CACHED_KEYS}. */
    public Groth16VerifierBuilder setMaxCachedKeys(int maxCachedKeys) {
        this.maxCachedKeys = maxCachedKeys;
        return this;
    }

    /**
     * @throws IllegalArgumentException if the module is missing or lacks a Groth16 export, or an
     *     option is out of range
     */
    public Groth16Verifier build() {
        if (module == null) {
            throw new IllegalArgumentException("module must be set, e.g. Groth16Modules.verifier()");
        }
        for (AbiFunction function : new AbiFunction[] {
                Groth16Abi.PREPARED_LEN, Groth16Abi.PREPARE_KEY, Groth16Abi.VERIFY_BATCH}) {
            if (!module.exportsFunction(function)) {
                throw new IllegalArgumentException("module " + module.name() + " does not export " + function);
            }
        }
        if (maxBatchSize < 1 || maxBatchSize > Groth16Abi.MAX_BATCH_PROOFS) {
            throw new IllegalArgumentException("maxBatchSize must be in [1, "
                    + Groth16Abi.MAX_BATCH_PROOFS + "], was " + maxBatchSize);
        }
        if (maxCachedKeys < 1 || maxCachedKeys > MAX_CACHED_KEYS) {
            throw new IllegalArgumentException("maxCachedKeys must be in [1, " + MAX_CACHED_KEYS
                    + "], was " + maxCachedKeys);
        }
        return new Groth16Verifier(module, random != null ? random : new SecureRandom(), maxBatchSize, maxCachedKeys);
    }
}
