package io.zkedge.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * A module's parsed form and its JVM bytecode, shared by every {@link WasmModule} built from the
 * same bytes in this class loader.
 *
 * <p>Why share: Chicory turns each Wasm function into a JVM method, and the JIT then spends
 * seconds of C2 time per large method before the code runs at full speed (about a minute of CPU
 * for the Bulletproofs verifier on a 2-core machine). A second compile of the same bytes gets
 * new classes that the JIT must warm all over again, competing with the verification it slows.
 * So the subtasks of a TaskManager, a restarted task and a benchmark next to the job all run the
 * same classes. Entries are held weakly: a module nobody uses any more (replaced over the air)
 * leaves the cache with its last {@link WasmModule}.
 */
final class CompiledCode {

    /** By SHA-256 (hex) and interpreter fallback. Guarded by itself; compiles are rare, and a second
     * caller for the same module waits for the first compile instead of doing its own. */
    private static final Map<String, WeakReference<CompiledCode>> CACHE = new HashMap<>();

    final com.dylibso.chicory.wasm.WasmModule parsed;
    private final String name;
    private final InterpreterFallback interpreterFallback;
    private Function<Instance, Machine> machineFactory; // guarded by CACHE
    private Duration compileTime; // guarded by CACHE

    private CompiledCode(String name, com.dylibso.chicory.wasm.WasmModule parsed, InterpreterFallback interpreterFallback) {
        this.name = name;
        this.parsed = parsed;
        this.interpreterFallback = interpreterFallback;
    }

    /**
     * The shared entry for these bytes, parsed (but not yet compiled) if it is new.
     *
     * @throws WasmModuleException if the bytes are not a valid Wasm module
     */
    static CompiledCode of(String name, byte[] bytes, byte[] sha256, InterpreterFallback interpreterFallback)
            throws WasmModuleException {
        String key = HexFormat.of().formatHex(sha256) + "/" + interpreterFallback;
        synchronized (CACHE) {
            WeakReference<CompiledCode> ref = CACHE.get(key);
            CompiledCode code = ref == null ? null : ref.get();
            if (code == null) {
                com.dylibso.chicory.wasm.WasmModule parsed;
                try {
                    parsed = Parser.parse(bytes);
                } catch (ChicoryException e) {
                    throw new WasmModuleException(name + " is not a valid Wasm module: " + e.getMessage(), e);
                }
                code = new CompiledCode(name, parsed, interpreterFallback);
                CACHE.values().removeIf(r -> r.get() == null);
                CACHE.put(key, new WeakReference<>(code));
            }
            return code;
        }
    }

    /**
     * The compiled machine factory, compiling on first use (after the caller's checks of the
     * parsed module, so a refused module is never compiled).
     *
     * @throws WasmModuleException if Chicory cannot compile the module
     */
    Function<Instance, Machine> machineFactory() throws WasmModuleException {
        synchronized (CACHE) {
            if (machineFactory == null) {
                long start = System.nanoTime();
                try {
                    machineFactory = MachineFactoryCompiler.builder(parsed)
                            .withInterpreterFallback(interpreterFallback)
                            .compile();
                } catch (ChicoryException e) {
                    throw new WasmModuleException(name + " does not compile (interpreter fallback "
                            + interpreterFallback + "): " + e.getMessage(), e);
                }
                compileTime = Duration.ofNanos(System.nanoTime() - start);
            }
            return machineFactory;
        }
    }

    /** How long the one compile took; valid after {@link #machineFactory()}. */
    Duration compileTime() {
        synchronized (CACHE) {
            return compileTime;
        }
    }
}
