package io.zkedge.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A zkedge Wasm module, parsed and compiled to JVM bytecode once, from which instances are made.
 *
 * <p>The compiled code is shared: building the same bytes again in this class loader (another
 * subtask, a restart, a benchmark next to the job) reuses it (see {@link CompiledCode}), so the
 * JVM compiles and JIT-warms each module once.
 *
 * <p>Loading refuses a module that imports anything (modules must be pure: all randomness comes
 * from the host through the ABI), that lacks an export of the ABI or has it with another
 * signature, that does not export its memory as {@value ZkAbi#MEMORY}, whose initial memory
 * exceeds the cap, or whose {@code zk_abi_version()} is not {@value ZkAbi#VERSION}. The checks
 * that need a running instance are made once on a probe instance: instantiation of a module
 * without imports is deterministic, so later instances behave the same.
 *
 * <p>A {@code WasmModule} is immutable and may be shared between threads; the instances it makes
 * may not (see {@link WasmInstance}).
 */
public final class WasmModule {

    /** Only the ABI's description is read on load; a longer one is cut off. */
    private static final int DESCRIPTION_CAP = 4096;

    private final String name;
    private final byte[] sha256;
    /** Held strongly: the shared cache keeps the code only while a module uses it. */
    private final CompiledCode code;
    private final Function<Instance, Machine> machineFactory;
    private final MemoryLimits memoryLimits;
    private final Set<AbiFunction> exportedFunctions;
    private final String description;

    private WasmModule(
            String name,
            byte[] sha256,
            CompiledCode code,
            Function<Instance, Machine> machineFactory,
            MemoryLimits memoryLimits,
            Set<AbiFunction> exportedFunctions,
            String description) {
        this.name = name;
        this.sha256 = sha256;
        this.code = code;
        this.machineFactory = machineFactory;
        this.memoryLimits = memoryLimits;
        this.exportedFunctions = exportedFunctions;
        this.description = description;
    }

    /** Starts building a module; see {@link WasmModuleBuilder}. */
    public static WasmModuleBuilder builder() {
        return new WasmModuleBuilder();
    }

    static WasmModule load(
            String name,
            byte[] bytes,
            int maxMemoryPages,
            InterpreterFallback interpreterFallback,
            List<AbiFunction> requiredFunctions)
            throws WasmModuleException {
        byte[] sha256 = sha256(bytes);
        CompiledCode code = CompiledCode.of(name, bytes, sha256, interpreterFallback);
        com.dylibso.chicory.wasm.WasmModule parsed = code.parsed;
        refuseImports(name, parsed);
        MemoryLimits limits = cappedMemoryLimits(name, parsed, maxMemoryPages);
        Set<AbiFunction> exported = exportedAbiFunctions(parsed);
        for (AbiFunction required : requiredFunctions) {
            if (!exported.contains(required)) {
                throw new WasmModuleException(
                        name + " does not export " + required + " required by the zkedge ABI");
            }
        }
        Function<Instance, Machine> machineFactory = code.machineFactory();

        WasmModule unprobed = new WasmModule(name, sha256, code, machineFactory, limits, exported, null);
        String description = unprobed.probe();
        return new WasmModule(name, sha256, code, machineFactory, limits, exported, description);
    }

    /** Checks the ABI version on a first instance and reads the module's self-description. */
    private String probe() throws WasmModuleException {
        WasmInstance probe;
        try {
            probe = newInstance();
        } catch (ChicoryException e) {
            throw new WasmModuleException(name + " cannot be instantiated: " + e.getMessage(), e);
        }
        try {
            int version = probe.call(ZkAbi.ABI_VERSION);
            if (version != ZkAbi.VERSION) {
                throw new WasmModuleException(name + " speaks zkedge ABI version " + version
                        + ", this host speaks version " + ZkAbi.VERSION);
            }
            return probe.describe(DESCRIPTION_CAP);
        } catch (WasmTrapException e) {
            throw new WasmModuleException(name + " trapped while being probed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WasmModuleException(name + ": interrupted while being probed", e);
        }
    }

    /**
     * A new instance with its own capped memory. Not thread-safe: give each thread its own.
     *
     * @throws ChicoryException only if the JVM cannot provide what the probe instance got (the
     *     module's start code is deterministic)
     */
    public WasmInstance newInstance() {
        Instance instance = Instance.builder(code.parsed)
                .withMachineFactory(machineFactory)
                .withMemoryLimits(memoryLimits)
                .withMemoryFactory(FlatMemory::new)
                .build();
        return new WasmInstance(this, instance);
    }

    /** The name given at build time, for messages. */
    public String name() {
        return name;
    }

    /** SHA-256 of the module's bytes: the identity recorded with every verdict. */
    public byte[] sha256() {
        return sha256.clone();
    }

    /** {@link #sha256()} in lowercase hex. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /** How long Chicory took to compile the module to JVM bytecode (once per JVM, see {@link CompiledCode}). */
    public Duration compileTime() {
        return code.compileTime();
    }

    /** The cap on an instance's memory, in 64 KiB pages. */
    public int maxMemoryPages() {
        return memoryLimits.maximumPages();
    }

    /** The JSON the module wrote from {@code zk_describe} on load. */
    public String description() {
        return description;
    }

    /** Whether the module exports this function with this signature. */
    public boolean exportsFunction(AbiFunction function) {
        return exportedFunctions.contains(function);
    }

    /** Whether both run the same compiled classes (for tests). */
    boolean sharesCodeWith(WasmModule other) {
        return code == other.code;
    }

    @Override
    public String toString() {
        return name + " (sha256 " + sha256Hex() + ")";
    }

    private static void refuseImports(String name, com.dylibso.chicory.wasm.WasmModule parsed)
            throws WasmModuleException {
        if (parsed.importSection().importCount() > 0) {
            String imports = parsed.importSection().stream()
                    .map(i -> i.module() + "." + i.name())
                    .collect(Collectors.joining(", "));
            throw new WasmModuleException(
                    name + " imports " + imports + "; zkedge modules must import nothing");
        }
    }

    /**
     * Chicory's {@code Instance.Builder.withMemoryLimits} replaces the module's declared limits, so
     * the cap is merged here: the declared initial size (which must fit under the cap) and the
     * smaller of the declared maximum and the cap.
     */
    private static MemoryLimits cappedMemoryLimits(
            String name, com.dylibso.chicory.wasm.WasmModule parsed, int maxMemoryPages)
            throws WasmModuleException {
        if (parsed.memorySection().isEmpty() || parsed.memorySection().get().memoryCount() != 1) {
            throw new WasmModuleException(name + " must define exactly one memory");
        }
        boolean memoryExported = false;
        ExportSection exports = parsed.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export export = exports.getExport(i);
            if (export.exportType() == ExternalType.MEMORY && export.name().equals(ZkAbi.MEMORY)) {
                memoryExported = true;
            }
        }
        if (!memoryExported) {
            throw new WasmModuleException(name + " does not export its memory as \"" + ZkAbi.MEMORY + "\"");
        }
        MemoryLimits declared = parsed.memorySection().get().getMemory(0).limits();
        if (declared.shared()) {
            throw new WasmModuleException(name + " declares a shared memory; zkedge modules are single-threaded");
        }
        if (declared.initialPages() > maxMemoryPages) {
            throw new WasmModuleException(name + " needs " + declared.initialPages()
                    + " initial memory pages, above the cap of " + maxMemoryPages);
        }
        return new MemoryLimits(declared.initialPages(), Math.min(declared.maximumPages(), maxMemoryPages));
    }

    /** The exported functions whose parameters and results are all {@code i32}. */
    private static Set<AbiFunction> exportedAbiFunctions(com.dylibso.chicory.wasm.WasmModule parsed) {
        ExportSection exports = parsed.exportSection();
        Set<AbiFunction> functions = new HashSet<>();
        for (int i = 0; i < exports.exportCount(); i++) {
            Export export = exports.getExport(i);
            if (export.exportType() != ExternalType.FUNCTION) {
                continue;
            }
            // No imports (checked before), so an export's index is its index in the function section.
            FunctionType type = parsed.functionSection().getFunctionType(export.index(), parsed.typeSection());
            if (allI32(type.params()) && allI32(type.returns()) && type.returns().size() <= 1) {
                functions.add(AbiFunction.of(export.name(), type.params().size(), type.returns().size()));
            }
        }
        return Set.copyOf(functions);
    }

    private static boolean allI32(List<ValType> types) {
        return types.stream().allMatch(ValType.I32::equals);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
