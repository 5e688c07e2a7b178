package io.zkedge.wasm;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmException;
import com.dylibso.chicory.wasm.ChicoryException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running instance of a {@link WasmModule}, with its own linear memory.
 *
 * <p><b>One instance per thread.</b> An instance is not thread-safe; the code that owns it (a
 * verifier, a Flink subtask) uses it from one thread at a time. Two threads inside it at once are
 * detected and refused with an {@link IllegalStateException}.
 *
 * <p><b>Traps.</b> A guest fault ends the call with a {@link WasmTrapException}. The guest's state
 * (its allocator, its stack pointer) is then undefined, so the instance is marked broken and
 * every later use throws {@link IllegalStateException}; make a new one with
 * {@link WasmModule#newInstance()}.
 *
 * <p><b>Interruption.</b> Chicory's compiled code checks the thread's interrupt flag on every
 * backward branch and every call, so {@link Thread#interrupt()} stops even a guest that loops
 * forever. The call then throws {@link InterruptedException} (with the interrupt flag cleared, as
 * for any method that throws it) and the instance is broken.
 */
public final class WasmInstance {

    private final WasmModule module;
    private final Instance instance;
    private final Memory memory;
    private final Map<AbiFunction, ExportFunction> exports = new HashMap<>();
    private final AtomicBoolean inUse = new AtomicBoolean();
    private volatile boolean broken;

    WasmInstance(WasmModule module, Instance instance) {
        this.module = module;
        this.instance = instance;
        this.memory = instance.memory();
    }

    /** The module this is an instance of. */
    public WasmModule module() {
        return module;
    }

    /** Whether a trap or an interruption has made this instance unusable. */
    public boolean isBroken() {
        return broken;
    }

    /** The current size of the guest's memory in 64 KiB pages. */
    public int memoryPages() {
        return memory.pages();
    }

    /**
     * Calls an exported function.
     *
     * @return the function's {@code i32} result, or 0 if it has none
     * @throws WasmTrapException if the guest trapped; this instance is then broken
     * @throws InterruptedException if the thread was interrupted before or during the call
     */
    public int call(AbiFunction function, int... args) throws WasmTrapException, InterruptedException {
        if (args.length != function.params()) {
            throw new IllegalArgumentException(
                    function + " takes " + function.params() + " arguments, got " + args.length);
        }
        if (Thread.interrupted()) {
            // Not started, so the instance is still sound.
            throw new InterruptedException("interrupted before calling " + function.name());
        }
        enter();
        boolean completed = false;
        try {
            ExportFunction export = exports.computeIfAbsent(function, f -> instance.export(f.name()));
            long[] wasmArgs = new long[args.length];
            for (int i = 0; i < args.length; i++) {
                wasmArgs[i] = args[i];
            }
            long[] results = export.apply(wasmArgs);
            completed = true;
            return function.results() == 0 ? 0 : (int) results[0];
        } catch (ChicoryInterruptedException e) {
            Thread.interrupted(); // Chicory leaves the flag set; InterruptedException clears it.
            InterruptedException interrupted =
                    new InterruptedException("interrupted during " + describeCall(function));
            interrupted.initCause(e);
            throw interrupted;
        } catch (ChicoryException | WasmException e) {
            // ChicoryException covers TrapException (unreachable), WasmRuntimeException (out of
            // bounds) and "call stack exhausted"; WasmException is an uncaught guest `throw`.
            throw new WasmTrapException(function.name(), describeCall(function) + " trapped: " + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new WasmTrapException(function.name(), describeCall(function) + " exhausted the call stack", e);
        } finally {
            if (!completed) {
                // Whatever ended the call (trap, interrupt, a runtime bug), the guest is mid-way.
                broken = true;
            }
            exit();
        }
    }

    /**
     * Allocates a guest buffer with {@code zk_alloc}.
     *
     * @throws WasmTrapException if the guest returned 0 (its memory is exhausted under the cap)
     *     or a pointer outside its memory
     */
    public GuestBuffer allocate(int length) throws WasmTrapException, InterruptedException {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
        int pointer = call(ZkAbi.ALLOC, length);
        if (pointer == 0) {
            broken = true;
            throw new WasmTrapException(ZkAbi.ALLOC.name(), module.name() + ": zk_alloc(" + length
                    + ") returned 0: guest memory exhausted (cap " + module.maxMemoryPages() + " pages)", null);
        }
        GuestBuffer buffer = new GuestBuffer(pointer, length);
        checkBounds(ZkAbi.ALLOC.name(), buffer, length);
        return buffer;
    }

    /** Allocates a guest buffer and copies {@code contents} into it. */
    public GuestBuffer allocate(byte[] contents) throws WasmTrapException, InterruptedException {
        GuestBuffer buffer = allocate(contents.length);
        write(buffer, contents);
        return buffer;
    }

    /** Releases a buffer with {@code zk_free}. */
    public void free(GuestBuffer buffer) throws WasmTrapException, InterruptedException {
        call(ZkAbi.FREE, buffer.pointer(), buffer.length());
    }

    /** Copies {@code contents} to the start of {@code buffer}. */
    public void write(GuestBuffer buffer, byte[] contents) throws WasmTrapException {
        if (contents.length > buffer.length()) {
            throw new IllegalArgumentException(
                    contents.length + " bytes do not fit a buffer of " + buffer.length());
        }
        checkUsable();
        checkBounds("write", buffer, contents.length);
        memory.write(buffer.pointer(), contents, 0, contents.length);
    }

    /** Copies the whole buffer out of the guest. */
    public byte[] read(GuestBuffer buffer) throws WasmTrapException {
        return read(buffer, buffer.length());
    }

    /** Copies the first {@code length} bytes of the buffer out of the guest. */
    public byte[] read(GuestBuffer buffer, int length) throws WasmTrapException {
        if (length < 0 || length > buffer.length()) {
            throw new IllegalArgumentException(
                    "cannot read " + length + " bytes from a buffer of " + buffer.length());
        }
        checkUsable();
        checkBounds("read", buffer, length);
        return memory.readBytes(buffer.pointer(), length);
    }

    /** The module's self-description from {@code zk_describe}, at most {@code cap} bytes of it. */
    public String describe(int cap) throws WasmTrapException, InterruptedException {
        GuestBuffer out = allocate(cap);
        int length = call(ZkAbi.DESCRIBE, out.pointer(), cap);
        byte[] json = read(out, Math.max(0, Math.min(length, cap)));
        free(out);
        return new String(json, StandardCharsets.UTF_8);
    }

    private void checkBounds(String function, GuestBuffer buffer, int length) throws WasmTrapException {
        long end = Integer.toUnsignedLong(buffer.pointer()) + length;
        long size = (long) memory.pages() * WasmModuleBuilder.PAGE_BYTES;
        if (end > size) {
            broken = true;
            throw new WasmTrapException(function, module.name() + ": buffer [" + Integer.toUnsignedString(buffer.pointer())
                    + ", +" + length + ") lies outside the guest's " + size + " bytes of memory", null);
        }
    }

    private void checkUsable() {
        if (broken) {
            throw new IllegalStateException(module.name()
                    + ": this instance trapped or was interrupted; create a new one with WasmModule.newInstance()");
        }
    }

    private void enter() {
        checkUsable();
        if (!inUse.compareAndSet(false, true)) {
            throw new IllegalStateException(module.name()
                    + ": instance used by two threads at once; give each thread its own instance");
        }
    }

    private void exit() {
        inUse.set(false);
    }

    private String describeCall(AbiFunction function) {
        return module.name() + ": " + Objects.requireNonNull(function).name();
    }
}
