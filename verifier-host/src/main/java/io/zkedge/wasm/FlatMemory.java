package io.zkedge.wasm;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A guest's linear memory as one contiguous {@code byte[]}, for modules that do not share their
 * memory between threads (zkedge modules never do).
 *
 * <p>Why not Chicory's {@code ByteArrayMemory}: in 1.7.5 it stores memory as 64 KiB pages, so
 * every guest load or store first masks the address, tests for a page crossing and loads the
 * page from an array of pages (a second bounds check) before the access itself. Compiled guests
 * that keep their data in linear memory (the Groth16 verifier passes every field element by
 * pointer) spend most of their time there. Here an access is one array access whose bounds
 * check the JVM does anyway; growing copies the array, which a module does a handful of times
 * in its life.
 *
 * <p>An access outside the memory raises {@link WasmRuntimeException} ("out of bounds memory
 * access"), as Chicory's own memories do, which the caller turns into a trap.
 */
final class FlatMemory implements Memory {

    // Little-endian views of the byte array: one bounds-checked access each.
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryLimits limits;
    private DataSegment[] dataSegments;
    private byte[] bytes;

    /**
     * An empty memory of {@code limits.initialPages()} pages.
     *
     * @throws IllegalArgumentException for a shared memory (threads), which this class does not
     *     implement
     */
    FlatMemory(MemoryLimits limits) {
        if (limits.shared()) {
            throw new IllegalArgumentException("shared memories are not supported");
        }
        if (limits.initialPages() > maximumPages(limits)) {
            throw new IllegalArgumentException("initial memory of " + limits.initialPages() + " pages exceeds the maximum");
        }
        this.limits = limits;
        this.bytes = new byte[limits.initialPages() * PAGE_SIZE];
    }

    /** The most pages one Java array holds (32,767: just under 2 GiB); Wasm's 65,536 would overflow it. */
    static final int ARRAY_MAX_PAGES = Integer.MAX_VALUE / PAGE_SIZE;

    private static int maximumPages(MemoryLimits limits) {
        return Math.min(limits.maximumPages(), Math.min(RUNTIME_MAX_PAGES, ARRAY_MAX_PAGES));
    }

    private static WasmRuntimeException outOfBounds(long addr, long size, int limit) {
        return new WasmRuntimeException("out of bounds memory access: attempted to access address: " + addr
                + " but limit is: " + limit + " and size: " + size);
    }

    /** Throws unless {@code [addr, addr + size)} lies within {@code [0, limit)}. */
    private static void checkRange(int addr, int size, int limit) {
        if (addr < 0 || size < 0 || (long) addr + size > limit) {
            throw outOfBounds(addr, size, limit);
        }
    }

    @Override
    public int pages() {
        return bytes.length / PAGE_SIZE;
    }

    @Override
    public int grow(int size) {
        int previous = pages();
        long wanted = (long) previous + size;
        if (size < 0 || wanted > maximumPages(limits)) {
            return -1;
        }
        if (size > 0) {
            bytes = Arrays.copyOf(bytes, (int) wanted * PAGE_SIZE);
        }
        return previous;
    }

    @Override
    public int initialPages() {
        return limits.initialPages();
    }

    @Override
    public int maximumPages() {
        return maximumPages(limits);
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    @Deprecated
    public Object lock(int address) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int waitOn(int address, int expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    public int waitOn(int address, long expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    public int notify(int address, int maxThreads) {
        return 0; // nobody can wait on an unshared memory
    }

    @Override
    public void initialize(Instance instance, DataSegment[] segments) {
        this.dataSegments = segments;
        if (segments == null) {
            return;
        }
        for (DataSegment s : segments) {
            if (s instanceof ActiveDataSegment active) {
                int offset = (int) ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions())[0];
                byte[] data = active.data();
                if (offset < 0 || (long) offset + data.length > bytes.length) {
                    throw new UninstantiableException("out of bounds memory access: data segment at " + offset
                            + " of " + data.length + " bytes, memory of " + bytes.length + " bytes");
                }
                System.arraycopy(data, 0, bytes, offset, data.length);
            } else if (!(s instanceof PassiveDataSegment)) {
                throw new ChicoryException("Data segment should be active or passive: " + s);
            }
        }
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        write(dest, dataSegments[segmentId].data(), offset, size);
    }

    @Override
    public void drop(int segment) {
        dataSegments[segment] = PassiveDataSegment.EMPTY;
    }

    @Override
    public void write(int addr, byte[] data, int offset, int size) {
        checkRange(offset, size, data.length);
        checkRange(addr, size, bytes.length);
        System.arraycopy(data, offset, bytes, addr, size);
    }

    @Override
    public byte[] readBytes(int addr, int len) {
        checkRange(addr, len, bytes.length);
        return Arrays.copyOfRange(bytes, addr, addr + len);
    }

    @Override
    public void zero() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        checkRange(fromIndex, toIndex - fromIndex, bytes.length);
        Arrays.fill(bytes, fromIndex, toIndex, value);
    }

    @Override
    public void copy(int dest, int src, int size) {
        checkRange(dest, size, bytes.length);
        checkRange(src, size, bytes.length);
        System.arraycopy(bytes, src, bytes, dest, size); // handles overlap like memmove
    }

    // Single accesses: the array's own bounds check is the memory's; a negative address fails it
    // too. try/catch keeps the fast path one access (the JIT compiles the handler out of line).

    @Override
    public byte read(int addr) {
        try {
            return bytes[addr];
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 1, bytes.length);
        }
    }

    @Override
    public void writeByte(int addr, byte data) {
        try {
            bytes[addr] = data;
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 1, bytes.length);
        }
    }

    @Override
    public short readShort(int addr) {
        try {
            return (short) SHORTS.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 2, bytes.length);
        }
    }

    @Override
    public long readU16(int addr) {
        return readShort(addr) & 0xFFFFL;
    }

    @Override
    public void writeShort(int addr, short data) {
        try {
            SHORTS.set(bytes, addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 2, bytes.length);
        }
    }

    @Override
    public int readInt(int addr) {
        try {
            return (int) INTS.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 4, bytes.length);
        }
    }

    @Override
    public void writeI32(int addr, int data) {
        try {
            INTS.set(bytes, addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 4, bytes.length);
        }
    }

    @Override
    public long readLong(int addr) {
        try {
            return (long) LONGS.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 8, bytes.length);
        }
    }

    @Override
    public void writeLong(int addr, long data) {
        try {
            LONGS.set(bytes, addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 8, bytes.length);
        }
    }

    @Override
    public float readFloat(int addr) {
        try {
            return (float) FLOATS.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 4, bytes.length);
        }
    }

    @Override
    public long readF32(int addr) {
        return readInt(addr);
    }

    @Override
    public void writeF32(int addr, float data) {
        try {
            FLOATS.set(bytes, addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 4, bytes.length);
        }
    }

    @Override
    public double readDouble(int addr) {
        try {
            return (double) DOUBLES.get(bytes, addr);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 8, bytes.length);
        }
    }

    @Override
    public long readF64(int addr) {
        return readLong(addr);
    }

    @Override
    public void writeF64(int addr, double data) {
        try {
            DOUBLES.set(bytes, addr, data);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds(addr, 8, bytes.length);
        }
    }
}
