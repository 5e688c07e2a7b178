package io.zkedge.bulletproofs;

import io.zkedge.wasm.AbiFunction;
import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The Bulletproofs modules packaged in this jar (copied from {@code verifiers/dist} at build
 * time). Each is compiled once, on first use, and shared: modules are immutable, and every
 * verifier or prover makes its own instance.
 */
public final class BundledModules {

    /** Classpath location of the verifier module. */
    public static final String VERIFIER_RESOURCE = "/io/zkedge/modules/zkedge_bulletproofs_verifier.wasm";

    /** Classpath location of the prover module. */
    public static final String PROVER_RESOURCE = "/io/zkedge/modules/zkedge_bulletproofs_prover.wasm";

    private static WasmModule verifier;
    private static WasmModule prover;

    private BundledModules() {}

    /** Whether both modules were packaged (the build found them in {@code verifiers/dist}). */
    public static boolean available() {
        return BundledModules.class.getResource(VERIFIER_RESOURCE) != null
                && BundledModules.class.getResource(PROVER_RESOURCE) != null;
    }

    /**
     * The verifier module, compiled on first use.
     *
     * @throws IllegalStateException if it was not packaged or does not load
     */
    public static synchronized WasmModule verifier() {
        if (verifier == null) {
            verifier = load(VERIFIER_RESOURCE, BulletproofsAbi.VERIFY_BATCH);
        }
        return verifier;
    }

    /**
     * The prover module, compiled on first use.
     *
     * @throws IllegalStateException if it was not packaged or does not load
     */
    public static synchronized WasmModule prover() {
        if (prover == null) {
            prover = load(PROVER_RESOURCE, BulletproofsAbi.PROVE);
        }
        return prover;
    }

    private static WasmModule load(String resource, AbiFunction entryPoint) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        try (InputStream in = BundledModules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not bundled: build verifiers/ so that "
                        + "verifiers/dist/" + name + " exists, then rebuild this jar");
            }
            return WasmModule.builder().setName(name).setBytes(in).setRequiredFunctions(entryPoint).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled module " + name, e);
        } catch (WasmModuleException e) {
            throw new IllegalStateException("the bundled module " + name + " was refused: " + e.getMessage(), e);
        }
    }
}
