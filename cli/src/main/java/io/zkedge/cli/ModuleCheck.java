package io.zkedge.cli;

import io.zkedge.schemas.ArtifactKind;
import io.zkedge.trust.ArtifactVerifier;
import io.zkedge.trust.TrustStore;
import io.zkedge.trust.UntrustedArtifactException;
import io.zkedge.trust.VerifiedModule;
import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmModuleException;
import io.zkedge.wasm.ZkAbi;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything a job checks before it runs a verifier module from a trust bundle: the signed
 * manifest ({@link ArtifactVerifier}: signer in the trust store, signature, name, kind, SHA-256),
 * then the module itself (a Wasm module without imports that speaks this host's ABI version, as
 * the manifest says, and describes itself as the manifest's proof system).
 */
final class ModuleCheck {

    /** The outcome: the verified module, or the reason it is refused. */
    record Result(VerifiedModule module, String reason, String detail) {

        boolean trusted() {
            return module != null;
        }

        static Result refused(String reason, String detail) {
            return new Result(null, reason, detail);
        }
    }

    private ModuleCheck() {}

    /** Reasons of our own; the signature checks use {@link UntrustedArtifactException.Reason} names. */
    static final String NOT_WASM = "NOT_WASM";
    static final String IMPORTS = "IMPORTS";
    static final String WRONG_ABI = "WRONG_ABI";
    static final String PROOF_SYSTEM_MISMATCH = "PROOF_SYSTEM_MISMATCH";

    static Result check(ModuleFile file, byte[] manifest, byte[] signature, TrustStore trustStore) {
        VerifiedModule verified;
        try {
            verified = new ArtifactVerifier(trustStore).verify(file.name, ArtifactKind.VERIFIER_MODULE, manifest,
                    signature, file.bytes);
        } catch (UntrustedArtifactException e) {
            return Result.refused(e.reason().name(), e.getMessage());
        }
        if (verified.abiVersion() != ZkAbi.VERSION) {
            return Result.refused(WRONG_ABI, "the manifest says ABI version " + verified.abiVersion()
                    + ", this zkedge speaks version " + ZkAbi.VERSION);
        }
        ModuleFile.Structure structure;
        try {
            structure = file.structure();
        } catch (UsageException e) {
            return Result.refused(NOT_WASM, e.getMessage());
        }
        if (!structure.imports().isEmpty()) {
            return Result.refused(IMPORTS, file.path + " imports " + String.join(", ", structure.imports())
                    + "; zkedge modules must import nothing");
        }
        WasmModule loaded;
        try {
            loaded = file.load();
        } catch (WasmModuleException e) {
            // Imports and parse errors were ruled out above: what is left is the ABI contract
            // (exports and their signatures, the memory, zk_abi_version()).
            return Result.refused(WRONG_ABI, e.getMessage());
        }
        Optional<String> system = ModuleFile.describedSystem(loaded.description());
        String signed = verified.proofSystem().name().toLowerCase(Locale.ROOT);
        if (system.isPresent() && !system.get().equals(signed)) {
            return Result.refused(PROOF_SYSTEM_MISMATCH, "the manifest says " + signed
                    + " but the module describes itself as " + system.get());
        }
        return new Result(verified, null, null);
    }
}
