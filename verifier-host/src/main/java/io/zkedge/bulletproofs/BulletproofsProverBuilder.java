package io.zkedge.bulletproofs;

import io.zkedge.wasm.WasmModule;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Builds a {@link BulletproofsProver}.
 *
 * <pre>{@code
 * BulletproofsProver prover = BulletproofsProver.builder()
 *         .setModule(BundledModules.prover())
 *         .build();
 * }</pre>
 *
 * <p>Default: seeds (which become the blindings) from a new {@link SecureRandom}.
 */
public final class BulletproofsProverBuilder {

    private WasmModule module;
    private SecureRandom random;

    BulletproofsProverBuilder() {}

    /** The prover module; it must export {@code zk_prove}. Required. */
    public BulletproofsProverBuilder setModule(WasmModule module) {
        this.module = Objects.requireNonNull(module, "module");
        return this;
    }

    /** Where the 32-byte seed of each proof comes from; every blinding is derived from it. */
    public BulletproofsProverBuilder setRandom(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /** @throws IllegalArgumentException if the module is missing or lacks {@code zk_prove} */
    public BulletproofsProver build() {
        if (module == null) {
            throw new IllegalArgumentException("module must be set, e.g. BundledModules.prover()");
        }
        if (!module.exportsFunction(BulletproofsAbi.PROVE)) {
            throw new IllegalArgumentException(
                    "module " + module.name() + " does not export " + BulletproofsAbi.PROVE);
        }
        return new BulletproofsProver(module, random != null ? random : new SecureRandom());
    }
}
