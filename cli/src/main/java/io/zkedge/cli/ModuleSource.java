package io.zkedge.cli;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.groth16.Groth16Modules;
import io.zkedge.wasm.WasmModule;

/** Where the commands get their Wasm modules: the ones bundled in the jar, or a test's. */
interface ModuleSource {

    WasmModule verifier();

    WasmModule prover();

    /** The Groth16 verifier module; the bundled one unless a test gives its own. */
    default WasmModule groth16Verifier() {
        return Groth16Modules.verifier();
    }

    static ModuleSource bundled() {
        return new ModuleSource() {
            @Override
            public WasmModule verifier() {
                return BundledModules.verifier();
            }

            @Override
            public WasmModule prover() {
                return BundledModules.prover();
            }
        };
    }
}
