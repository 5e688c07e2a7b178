package io.zkedge.cli;

import io.zkedge.trust.ManifestFormatException;
import io.zkedge.trust.ModuleManifest;
import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmModuleException;
import io.zkedge.wasm.ZkAbi;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/** {@code module inspect}: what a module file is, and whether it matches a manifest. No keys needed. */
final class ModuleInspectCommand implements Command {

    @Override
    public String name() {
        return "module inspect";
    }

    @Override
    public String summary() {
        return "a module's SHA-256, size, exports, imports and zk_describe (and its manifest)";
    }

    @Override
    public Set<String> options() {
        return Set.of("module", "manifest");
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge module inspect --module NAME.wasm [--manifest MANIFEST]",
                "",
                "Prints one JSON object: the module's name, size, SHA-256, imports (a zkedge module has none),",
                "exported functions with their signatures, and, if it loads under this host (Chicory, ABI",
                "version " + ZkAbi.VERSION + "), the JSON its zk_describe() writes. With --manifest, also the",
                "manifest's fields and whether its name and SHA-256 match the module (the signature is not",
                "checked here: see zkedge module verify).",
                "",
                "Exit: 0 the module would load (and matches the manifest), 1 it would not (the reason on",
                "stderr), 2 usage error or not a Wasm file, 3 internal error.");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws UsageException, IOException {
        ModuleFile module = ModuleFile.read(options.string("module"));
        ModuleFile.Structure structure = module.structure();
        List<String> problems = new ArrayList<>();
        StringBuilder json = new StringBuilder("{\"file\":").append(Json.string(module.path.toString()))
                .append(",\"name\":").append(Json.string(module.name))
                .append(",\"size\":").append(module.bytes.length)
                .append(",\"sha256\":").append(Json.string(module.sha256Hex()))
                .append(",\"imports\":").append(array(structure.imports()))
                .append(",\"exports\":").append(array(structure.exports()));
        if (!structure.imports().isEmpty()) {
            problems.add("it imports " + String.join(", ", structure.imports()) + "; zkedge modules must import nothing");
            json.append(",\"loads\":false");
        } else {
            try {
                WasmModule loaded = module.load();
                json.append(",\"loads\":true,\"abi_version\":").append(ZkAbi.VERSION)
                        .append(",\"describe\":").append(Json.string(loaded.description()));
            } catch (WasmModuleException e) {
                problems.add(e.getMessage());
                json.append(",\"loads\":false,\"refused\":").append(Json.string(e.getMessage()));
            }
        }
        if (options.has("manifest")) {
            json.append(",\"manifest\":").append(manifest(Path.of(options.string("manifest")), module, problems));
        }
        out.println(json.append('}'));
        if (!problems.isEmpty()) {
            err.println("zkedge: " + Zkedge.oneLine(module.path + ": " + String.join("; ", problems)));
            return ExitCode.INVALID;
        }
        return ExitCode.OK;
    }

    private static String manifest(Path file, ModuleFile module, List<String> problems)
            throws UsageException, IOException {
        byte[] bytes = InputFiles.read(file, ModuleManifest.MAX_BYTES, "--manifest");
        ModuleManifest m;
        try {
            m = ModuleManifest.parse(bytes);
        } catch (ManifestFormatException e) {
            problems.add("the manifest " + file + " is malformed: " + e.getMessage());
            return "{\"malformed\":" + Json.string(e.getMessage()) + "}";
        }
        boolean nameMatches = m.name().equals(module.name);
        boolean digestMatches = m.sha256Hex().equals(module.sha256Hex());
        if (!nameMatches) {
            problems.add("the manifest is for '" + m.name() + "', not '" + module.name + "'");
        }
        if (!digestMatches) {
            problems.add("the manifest's sha256 " + m.sha256Hex() + " is not the module's");
        }
        return "{\"kind\":" + Json.string(m.kind().name()) + ",\"name\":" + Json.string(m.name())
                + ",\"proof_system\":" + Json.string(m.proofSystem().name().toLowerCase(Locale.ROOT))
                + ",\"abi_version\":" + m.abiVersion() + ",\"sha256\":" + Json.string(m.sha256Hex())
                + ",\"created_at\":" + Json.string(m.createdAt().toString()) + ",\"signer\":" + Json.string(m.signerKeyId())
                + ",\"name_matches\":" + nameMatches + ",\"sha256_matches\":" + digestMatches + "}";
    }

    private static String array(List<String> items) {
        StringJoiner a = new StringJoiner(",", "[", "]");
        items.forEach(i -> a.add(Json.string(i)));
        return a.toString();
    }
}
