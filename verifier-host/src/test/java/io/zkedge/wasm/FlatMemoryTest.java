package io.zkedge.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import org.junit.jupiter.api.Test;

class FlatMemoryTest {

    private static final int PAGE = Memory.PAGE_SIZE;

    @Test
    void readsBackLittleEndianValuesOfEveryWidth() {
        FlatMemory memory = new FlatMemory(new MemoryLimits(1, 4));

        memory.writeLong(8, 0x0102030405060708L);
        memory.writeI32(100, 0xcafebabe);
        memory.writeShort(200, (short) 0xbeef);
        memory.writeF64(300, -1.5);
        memory.writeF32(400, 2.25f);

        assertThat(memory.read(8)).isEqualTo((byte) 0x08); // little-endian, as Wasm
        assertThat(memory.readInt(12)).isEqualTo(0x01020304);
        assertThat(memory.readLong(8)).isEqualTo(0x0102030405060708L);
        assertThat(memory.readU32(100)).isEqualTo(0xcafebabeL);
        assertThat(memory.readU16(200)).isEqualTo(0xbeefL);
        assertThat(memory.readShort(200)).isEqualTo((short) 0xbeef);
        assertThat(memory.readDouble(300)).isEqualTo(-1.5);
        assertThat(memory.readFloat(400)).isEqualTo(2.25f);
        assertThat(memory.readF32(400)).isEqualTo(Float.floatToRawIntBits(2.25f));
    }

    @Test
    void aMaximumBeyondWhatAJavaArrayHoldsIsCappedInsteadOfOverflowing() {
        FlatMemory memory = new FlatMemory(new MemoryLimits(0, MemoryLimits.MAX_PAGES));

        assertThat(memory.maximumPages()).isEqualTo(FlatMemory.ARRAY_MAX_PAGES);
        assertThat(memory.grow(FlatMemory.ARRAY_MAX_PAGES + 1)).isEqualTo(-1);
        assertThat(memory.pages()).isZero();
    }

    @Test
    void accessesThatEndPastTheMemoryFailWithoutWriting() {
        FlatMemory memory = new FlatMemory(new MemoryLimits(1, 4));
        memory.writeI32(PAGE - 4, 0x11223344);

        assertThatThrownBy(() -> memory.readInt(PAGE - 2))
                .isInstanceOf(WasmRuntimeException.class)
                .hasMessageContaining("out of bounds memory access");
        assertThatThrownBy(() -> memory.writeLong(PAGE - 4, -1L)).isInstanceOf(WasmRuntimeException.class);
        assertThatThrownBy(() -> memory.read(PAGE)).isInstanceOf(WasmRuntimeException.class);
        assertThatThrownBy(() -> memory.readInt(-4)).isInstanceOf(WasmRuntimeException.class);
        assertThatThrownBy(() -> memory.readBytes(PAGE - 1, 2)).isInstanceOf(WasmRuntimeException.class);
        assertThatThrownBy(() -> memory.write(PAGE - 1, new byte[2], 0, 2)).isInstanceOf(WasmRuntimeException.class);
        assertThatThrownBy(() -> memory.fill((byte) 1, PAGE - 1, PAGE + 1)).isInstanceOf(WasmRuntimeException.class);
        assertThatThrownBy(() -> memory.copy(0, PAGE - 1, 2)).isInstanceOf(WasmRuntimeException.class);
        assertThat(memory.readInt(PAGE - 4)).isEqualTo(0x11223344);
    }

    @Test
    void growKeepsTheContentsAndStopsAtTheMaximum() {
        FlatMemory memory = new FlatMemory(new MemoryLimits(1, 3));
        memory.writeI32(PAGE - 4, 42);

        assertThat(memory.grow(1)).isEqualTo(1);
        memory.writeI32(2 * PAGE - 4, 43);
        assertThat(memory.grow(2)).isEqualTo(-1);
        assertThat(memory.grow(1)).isEqualTo(2);

        assertThat(memory.pages()).isEqualTo(3);
        assertThat(memory.readInt(PAGE - 4)).isEqualTo(42);
        assertThat(memory.readInt(2 * PAGE - 4)).isEqualTo(43);
        assertThat(memory.readInt(3 * PAGE - 4)).isZero();
        assertThat(memory.grow(0)).isEqualTo(3);
    }

    @Test
    void overlappingCopiesMoveBytesAsMemmove() {
        FlatMemory memory = new FlatMemory(new MemoryLimits(1, 1));
        memory.write(10, new byte[] {1, 2, 3, 4, 5});

        memory.copy(12, 10, 5);
        assertThat(memory.readBytes(10, 7)).containsExactly(1, 2, 1, 2, 3, 4, 5);
        memory.copy(10, 12, 5);
        assertThat(memory.readBytes(10, 7)).containsExactly(1, 2, 3, 4, 5, 4, 5);

        memory.fill((byte) 9, 11, 13);
        assertThat(memory.readBytes(10, 4)).containsExactly(1, 9, 9, 4);
    }

    @Test
    void refusesSharedMemories() {
        assertThatThrownBy(() -> new FlatMemory(new MemoryLimits(1, 1, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shared");
    }
}
