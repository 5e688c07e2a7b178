package io.zkedge.cli;

import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.evidence.KeyFormatException;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.AtomicFiles;
import io.zkedge.trust.ManifestSigner;
import io.zkedge.trust.SignedManifest;
import io.zkedge.trust.TrustBundle;
import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmModuleException;
import io.zkedge.wasm.ZkAbi;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code module sign}: the signed manifest of a verifier module (docs/trust.md), written as
 * {@code <name>.manifest} and {@code <name>.manifest.sig} — the files of a trust bundle.
 */
final class ModuleSignCommand implements Command {

    @Override
    public String name() {
        return "module sign";
    }

    @Override
    public String summary() {
        return "sign a verifier module: writes its manifest and .manifest.sig";
    }

    @Override
    public Set<String> options() {
        return Set.of("module", "key", "proof-system", "abi-version", "out");
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge module sign --module NAME.wasm --key SIGNING.key --proof-system bulletproofs|groth16",
                "                          --abi-version N [--out MANIFEST]",
                "",
                "Checks that the module would load in a job (a valid Wasm module that imports nothing, exports",
                "the zkedge ABI of version N and describes itself as the named proof system), then writes its",
                "canonical manifest (docs/trust.md: name, proof system, ABI version, SHA-256, time, signer key",
                "id) to MANIFEST and the Ed25519 signature of the manifest bytes to MANIFEST.sig, replacing",
                "them if they exist. The module's name is its file name without .wasm; a trust bundle keeps",
                "NAME.wasm, NAME.manifest and NAME.manifest.sig side by side in modules/. Prints a JSON line.",
                "",
                "  --module FILE        the module (at most 16 MiB)",
                "  --key FILE           the module-signing private key (PKCS#8 PEM, see zkedge keys generate)",
                "  --proof-system P     bulletproofs or groth16",
                "  --abi-version N      the ABI version it speaks (verifiers/ABI.md; this zkedge speaks " + ZkAbi.VERSION + ")",
                "  --out FILE           the manifest (default: NAME.manifest next to the module)",
                "",
                "Exit: 0 signed, 2 usage error or a module that would be refused, 3 internal error.");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws UsageException, IOException {
        ModuleFile module = ModuleFile.read(options.string("module"));
        ProofSystem proofSystem = proofSystem(options.string("proof-system"));
        int abiVersion = options.integer("abi-version");
        if (abiVersion != ZkAbi.VERSION) {
            throw new UsageException("--abi-version " + abiVersion + ": this zkedge loads modules of ABI version "
                    + ZkAbi.VERSION + " only, so it would refuse this module");
        }
        Ed25519PrivateKey key = readPrivateKey(options.string("key"));
        Path manifestFile = Path.of(options.string("out",
                module.path.resolveSibling(module.name + TrustBundle.MANIFEST_SUFFIX).toString()));
        Path signatureFile = Path.of(manifestFile + ".sig");
        refuseUnloadable(module, proofSystem);

        SignedManifest signed = new ManifestSigner(key).signModule(module.name, proofSystem, abiVersion,
                module.bytes, Instant.now());
        writeReplacing(manifestFile, signed.manifestBytes());
        writeReplacing(signatureFile, signed.signatureText().getBytes(StandardCharsets.US_ASCII));
        out.println("{\"name\":" + Json.string(module.name) + ",\"sha256\":" + Json.string(module.sha256Hex())
                + ",\"signer\":" + Json.string(key.keyId()) + ",\"manifest\":" + Json.string(manifestFile.toString())
                + ",\"signature\":" + Json.string(signatureFile.toString()) + "}");
        return ExitCode.OK;
    }

    static ProofSystem proofSystem(String value) throws UsageException {
        return switch (value) {
            case "bulletproofs" -> ProofSystem.BULLETPROOFS;
            case "groth16" -> ProofSystem.GROTH16;
            default -> throw new UsageException("--proof-system must be bulletproofs or groth16, was '" + value + "'");
        };
    }

    static Ed25519PrivateKey readPrivateKey(String path) throws UsageException, IOException {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--key " + file + " does not exist");
        }
        try {
            return Ed25519Keys.readPrivateKey(file);
        } catch (KeyFormatException e) {
            throw new UsageException("--key " + e.getMessage());
        }
    }

    /** Signing vouches for the module: refuse one that a job would refuse anyway. */
    private static void refuseUnloadable(ModuleFile module, ProofSystem proofSystem) throws UsageException {
        ModuleFile.Structure structure = module.structure();
        if (!structure.imports().isEmpty()) {
            throw new UsageException("refusing to sign " + module.path + ": it imports " + String.join(", ",
                    structure.imports()) + "; zkedge modules must import nothing");
        }
        WasmModule loaded;
        try {
            loaded = module.load();
        } catch (WasmModuleException e) {
            throw new UsageException("refusing to sign " + module.path + ": " + e.getMessage());
        }
        Optional<String> system = ModuleFile.describedSystem(loaded.description());
        String wanted = proofSystem.name().toLowerCase(Locale.ROOT);
        if (system.isPresent() && !system.get().equals(wanted)) {
            throw new UsageException("refusing to sign " + module.path + " as " + wanted
                    + ": it describes itself as a " + system.get() + " module");
        }
    }

    /** {@link AtomicFiles#write}, with a usage error for a missing directory. */
    private static void writeReplacing(Path file, byte[] bytes) throws UsageException, IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageException("the directory of " + file + " does not exist");
        }
        AtomicFiles.write(file, bytes);
    }
}
