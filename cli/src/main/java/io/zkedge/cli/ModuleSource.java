package io.zkedge.cli;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.wasm.WasmModule;

/** Where the commands get their Wasm modules: the ones bundled in the jar, or a test's. */
interface ModuleSource {

    WasmModule verifier();

    WasmModule prover();

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
