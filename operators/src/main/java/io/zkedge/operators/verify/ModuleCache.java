package io.zkedge.operators.verify;

import io.zkedge.wasm.WasmModule;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled verifier modules of this JVM (this job's class loader), by SHA-256: the subtasks of a
 * TaskManager compile a module once and share it, since a {@link WasmModule} is immutable and
 * thread-safe and only its instances are per thread. Chicory's first compile in a JVM costs about
 * 1.5 s; later subtasks and restarts then start at once.
 */
final class ModuleCache {

    private static final Map<String, WasmModule> MODULES = new ConcurrentHashMap<>();

    private ModuleCache() {}

    /** The cached module with this SHA-256 (lowercase hex), or null. */
    static WasmModule get(String sha256Hex) {
        return MODULES.get(sha256Hex);
    }

    /** Caches a module under its own SHA-256; returns the module cached first if another thread won. */
    static WasmModule put(WasmModule module) {
        WasmModule raced = MODULES.putIfAbsent(module.sha256Hex(), module);
        return raced != null ? raced : module;
    }
}
