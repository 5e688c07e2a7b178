package io.zkedge.groth16;

import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The Groth16 verifier module packaged in this jar (copied from {@code verifiers/dist} at build
 * time, like {@link io.zkedge.bulletproofs.BundledModules}). Compiled once, on first use, and
 * shared: a module is immutable, and every verifier makes its own instance.
 */
public final class Groth16Modules {

    /** Classpath location of the verifier module. */
    public static final String VERIFIER_RESOURCE = "/io/zkedge/modules/zkedge_groth16_verifier.wasm";

    private static WasmModule verifier;

    private Groth16Modules() {}

    /** Whether the module was packaged (the build found it in {@code verifiers/dist}). */
    public static boolean available() {
        return Groth16Modules.class.getResource(VERIFIER_RESOURCE) != null;
    }

    /**
     * The verifier module, compiled on first use.
     *
     * @throws IllegalStateException if it was not packaged or does not load
     */
    public static synchronized WasmModule verifier() {
        if (verifier == null) {
            verifier = load(VERIFIER_RESOURCE);
        }
        return verifier;
    }

    private static WasmModule load(String resource) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        try (InputStream in = Groth16Modules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not bundled: build verifiers/ so that "
                        + "verifiers/dist/" + name + " exists, then rebuild this jar");
            }
            return WasmModule.builder()
                    .setName(name)
                    .setBytes(in)
                    .setRequiredFunctions(Groth16Abi.PREPARED_LEN, Groth16Abi.PREPARE_KEY, Groth16Abi.VERIFY_BATCH)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled module " + name, e);
        } catch (WasmModuleException e) {
            throw new IllegalStateException("the bundled module " + name + " was refused: " + e.getMessage(), e);
        }
    }
}
