package io.zkedge.cli;

import io.zkedge.trust.ModuleManifest;
import io.zkedge.trust.TrustStore;
import io.zkedge.trust.VerifiedModule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** {@code module verify}: would a job load this module with this manifest under these keys? */
final class ModuleVerifyCommand implements Command {

    @Override
    public String name() {
        return "module verify";
    }

    @Override
    public String summary() {
        return "check a module and its signed manifest against trusted keys";
    }

    @Override
    public Set<String> options() {
        return Set.of("module", "manifest", "signature", TrustKeys.KEY_OPTION, TrustKeys.DIR_OPTION);
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge module verify --module NAME.wasm --manifest MANIFEST --trust-key PUB[,PUB...]",
                "",
                "Makes the checks a job makes before it runs a module of its trust bundle (docs/trust.md):",
                "the manifest is canonical, its signer is a trusted key (UNKNOWN_SIGNER), the signature",
                "verifies over the manifest bytes (BAD_SIGNATURE), it names this module (NAME_MISMATCH, the",
                "file name without .wasm) and its SHA-256 (DIGEST_MISMATCH); then the module imports nothing",
                "(IMPORTS), speaks the manifest's and this host's ABI version (WRONG_ABI) and describes",
                "itself as the manifest's proof system (PROOF_SYSTEM_MISMATCH). Prints a JSON line.",
                "",
                "  --module FILE             the module",
                "  --manifest FILE           its manifest",
                "  --signature FILE          the manifest's signature (default MANIFEST.sig)",
                TrustKeys.HELP,
                "",
                "Exit: 0 trusted, 1 refused (the reason on stdout and stderr), 2 usage error, 3 internal error.");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws UsageException, IOException {
        ModuleFile module = ModuleFile.read(options.string("module"));
        Path manifestFile = Path.of(options.string("manifest"));
        byte[] manifest = InputFiles.read(manifestFile, ModuleManifest.MAX_BYTES, "--manifest");
        byte[] signature = ModuleFile.readSignature(options, manifestFile);
        TrustStore trustStore = TrustKeys.from(options);

        ModuleCheck.Result result = ModuleCheck.check(module, manifest, signature, trustStore);
        if (!result.trusted()) {
            out.println("{\"status\":\"REFUSED\",\"reason\":" + Json.string(result.reason())
                    + ",\"detail\":" + Json.string(result.detail()) + "}");
            err.println("zkedge: refused: " + result.reason() + ": " + Zkedge.oneLine(result.detail()));
            return ExitCode.INVALID;
        }
        VerifiedModule m = result.module();
        out.println("{\"status\":\"TRUSTED\",\"name\":" + Json.string(m.name())
                + ",\"proof_system\":" + Json.string(m.proofSystem().name().toLowerCase(Locale.ROOT))
                + ",\"abi_version\":" + m.abiVersion() + ",\"sha256\":" + Json.string(m.sha256Hex())
                + ",\"signer\":" + Json.string(m.signerKeyId()) + ",\"created_at\":" + Json.string(m.createdAt().toString())
                + "}");
        return ExitCode.OK;
    }
}
