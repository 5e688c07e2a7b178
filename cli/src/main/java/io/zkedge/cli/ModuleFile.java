package io.zkedge.cli;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import io.zkedge.evidence.Sha256;
import io.zkedge.trust.ModuleManifest;
import io.zkedge.trust.SignedManifest;
import io.zkedge.trust.TrustBundle;
import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmModuleException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A verifier module file as the {@code module} commands see it: its bytes (within the trust
 * bundle's size limit), its name (the file name without {@code .wasm}, as in a trust bundle), and
 * what Chicory finds in it.
 */
final class ModuleFile {

    /** The {@code "system"} field of a module's zk_describe JSON. */
    private static final Pattern SYSTEM = Pattern.compile("\"system\"\\s*:\\s*\"([^\"\\\\]*)\"");

    final Path path;
    final String name;
    final byte[] bytes;

    private ModuleFile(Path path, String name, byte[] bytes) {
        this.path = path;
        this.name = name;
        this.bytes = bytes;
    }

    /**
     * Reads {@code path}.
     *
     * @throws UsageException if it is missing, too large, or its name is not a module name
     */
    static ModuleFile read(String path) throws UsageException, IOException {
        Path file = Path.of(path);
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!fileName.endsWith(TrustBundle.MODULE_SUFFIX)) {
            throw new UsageException("--module must name a .wasm file, was '" + path + "'");
        }
        String name = fileName.substring(0, fileName.length() - TrustBundle.MODULE_SUFFIX.length());
        if (!ModuleManifest.NAME.matcher(name).matches()) {
            throw new UsageException("module name '" + name + "' (the file name without .wasm) must match "
                    + ModuleManifest.NAME + ", as in a trust bundle");
        }
        return new ModuleFile(file, name, InputFiles.read(file, TrustBundle.MAX_MODULE_BYTES, "--module"));
    }

    String sha256Hex() {
        return Sha256.hex(Sha256.of(bytes));
    }

    /** The signature next to a manifest: {@code --signature}, else {@code MANIFEST.sig}. */
    static byte[] readSignature(Options options, Path manifest) throws UsageException, IOException {
        return readSignature(Path.of(options.string("signature", manifest + ".sig")));
    }

    /** A signature file as {@code SignedManifest.signatureText()} writes it. */
    static byte[] readSignature(Path file) throws UsageException, IOException {
        byte[] text = InputFiles.read(file, TrustBundle.MAX_SIGNATURE_FILE_BYTES, "the signature file");
        try {
            return SignedManifest.parseSignatureText(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    /** What the Wasm binary declares, without running it. */
    record Structure(List<String> imports, List<String> exports) {}

    /** @throws UsageException if the bytes are not a Wasm module */
    Structure structure() throws UsageException {
        com.dylibso.chicory.wasm.WasmModule parsed;
        try {
            parsed = Parser.parse(bytes);
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new UsageException(path + " is not a valid Wasm module: " + e.getMessage());
        }
        List<String> imports = new ArrayList<>();
        List<FunctionType> importedFunctions = new ArrayList<>();
        for (int i = 0; i < parsed.importSection().importCount(); i++) {
            Import imp = parsed.importSection().getImport(i);
            String kind = imp.importType().name().toLowerCase(Locale.ROOT);
            if (imp instanceof FunctionImport f) {
                FunctionType type = parsed.typeSection().getType(f.typeIndex());
                importedFunctions.add(type);
                imports.add(imp.module() + "." + imp.name() + " " + signature(type));
            } else {
                imports.add(imp.module() + "." + imp.name() + " " + kind);
            }
        }
        List<String> exports = new ArrayList<>();
        for (int i = 0; i < parsed.exportSection().exportCount(); i++) {
            Export export = parsed.exportSection().getExport(i);
            if (export.exportType() == ExternalType.FUNCTION) {
                // Imported functions come first in the function index space.
                int index = export.index();
                FunctionType type = index < importedFunctions.size() ? importedFunctions.get(index)
                        : parsed.functionSection().getFunctionType(index - importedFunctions.size(), parsed.typeSection());
                exports.add(export.name() + " " + signature(type));
            } else {
                exports.add(export.name() + " " + export.exportType().name().toLowerCase(Locale.ROOT));
            }
        }
        return new Structure(List.copyOf(imports), List.copyOf(exports));
    }

    /**
     * Loads the module as a job would (no imports, the common ABI exports, the host's ABI version,
     * the memory cap), instantiating it once.
     *
     * @throws WasmModuleException with the reason it is refused
     */
    WasmModule load() throws WasmModuleException {
        return WasmModule.builder().setName(path.getFileName().toString()).setBytes(bytes).build();
    }

    /** The proof system a module names in its description, lowercase, if it names one. */
    static Optional<String> describedSystem(String description) {
        Matcher m = SYSTEM.matcher(description == null ? "" : description);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static String signature(FunctionType type) {
        return "(" + type.params().stream().map(ModuleFile::valType).collect(Collectors.joining(",")) + ") -> ("
                + type.returns().stream().map(ModuleFile::valType).collect(Collectors.joining(",")) + ")";
    }

    private static String valType(ValType type) {
        return type.toString().toLowerCase(Locale.ROOT);
    }
}
