package io.zkedge.wasm;

import com.dylibso.chicory.compiler.InterpreterFallback;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds a {@link WasmModule}.
 *
 * <pre>{@code
 * WasmModule module = WasmModule.builder()
 *         .setName("zkedge_bulletproofs_verifier")
 *         .setBytes(Files.readAllBytes(path))
 *         .setRequiredFunctions(AbiFunction.of("zk_verify_batch", 4, 1))
 *         .build();
 * }</pre>
 *
 * <p>Defaults: a memory cap of {@value #DEFAULT_MAX_MEMORY_PAGES} pages (64 MiB), and the
 * interpreter fallback named by the system property {@value #INTERPRETER_FALLBACK_PROPERTY}
 * ({@code FAIL}, {@code WARN} or {@code SILENT}), else {@code WARN}.
 */
public final class WasmModuleBuilder {

    /** System property that sets the default {@link InterpreterFallback}; tests set FAIL. */
    public static final String INTERPRETER_FALLBACK_PROPERTY = "zkedge.wasm.interpreterFallback";

    /** Bytes in one Wasm page. */
    public static final int PAGE_BYTES = 65_536;

    /**
     * 64 MiB. The Bulletproofs verifier starts at 303 pages (about 19 MiB: batch scratch, the
     * arena, and fixed-base tables of the generators, about 7.7 MiB once all are built) and a
     * 256-statement request is under 1.5 MB, so this leaves room while bounding a runaway guest.
     */
    public static final int DEFAULT_MAX_MEMORY_PAGES = 1024;

    /** The most pages a 32-bit Wasm memory can have (4 GiB). */
    public static final int MAX_PAGES_LIMIT = 65_536;

    private String name = "wasm module";
    private byte[] bytes;
    private int maxMemoryPages = DEFAULT_MAX_MEMORY_PAGES;
    private InterpreterFallback interpreterFallback; // null: from the system property
    private final List<AbiFunction> requiredFunctions = new ArrayList<>();

    WasmModuleBuilder() {}

    /** A name for messages and logs, e.g. the file name. */
    public WasmModuleBuilder setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The module's binary ({@code .wasm}) bytes. */
    public WasmModuleBuilder setBytes(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes").clone();
        return this;
    }

    /** Reads the module from a file and names it after the file. */
    public WasmModuleBuilder setPath(Path path) {
        try {
            this.bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Wasm module " + path, e);
        }
        this.name = path.getFileName().toString();
        return this;
    }

    /** Reads the module from a stream (the caller closes it). */
    public WasmModuleBuilder setBytes(InputStream in) {
        try {
            this.bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Wasm module " + name, e);
        }
        return this;
    }

    /**
     * The most 64 KiB pages an instance's memory may grow to. A {@code memory.grow} past it
     * returns -1 to the guest, as the Wasm spec has it for a memory at its maximum.
     */
    public WasmModuleBuilder setMaxMemoryPages(int maxMemoryPages) {
        this.maxMemoryPages = maxMemoryPages;
        return this;
    }

    /** What the compiler does with a function too large for one JVM method. */
    public WasmModuleBuilder setInterpreterFallback(InterpreterFallback interpreterFallback) {
        this.interpreterFallback = Objects.requireNonNull(interpreterFallback, "interpreterFallback");
        return this;
    }

    /** Exports the module must have besides {@link ZkAbi#COMMON_FUNCTIONS}. */
    public WasmModuleBuilder setRequiredFunctions(AbiFunction... functions) {
        requiredFunctions.clear();
        requiredFunctions.addAll(List.of(functions));
        return this;
    }

    /**
     * Parses, checks and compiles the module, and instantiates it once to check its ABI version.
     *
     * @throws WasmModuleException if the module is refused
     * @throws IllegalArgumentException if an option of this builder is out of range
     */
    public WasmModule build() throws WasmModuleException {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes must be set (setBytes or setPath)");
        }
        if (maxMemoryPages < 1 || maxMemoryPages > MAX_PAGES_LIMIT) {
            throw new IllegalArgumentException(
                    "maxMemoryPages must be in [1, " + MAX_PAGES_LIMIT + "], was " + maxMemoryPages);
        }
        InterpreterFallback fallback =
                interpreterFallback != null ? interpreterFallback : defaultInterpreterFallback();
        List<AbiFunction> required = new ArrayList<>(ZkAbi.COMMON_FUNCTIONS);
        required.addAll(requiredFunctions);
        return WasmModule.load(name, bytes, maxMemoryPages, fallback, List.copyOf(required));
    }

    static InterpreterFallback defaultInterpreterFallback() {
        String value = System.getProperty(INTERPRETER_FALLBACK_PROPERTY);
        if (value == null || value.isBlank()) {
            return InterpreterFallback.WARN;
        }
        try {
            return InterpreterFallback.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    INTERPRETER_FALLBACK_PROPERTY + " must be FAIL, WARN or SILENT, was " + value, e);
        }
    }
}
