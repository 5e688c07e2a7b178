package io.zkedge.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The requests of the benchmark, in the byte layout of {@code verifiers/ABI.md}, built exactly as
 * the native benchmark ({@code verifiers/bench}) builds them, so that both time the same work.
 */
final class Requests {

    /** The sensor id of every range statement. */
    static final byte[] SENSOR = "bench-sensor".getBytes(StandardCharsets.US_ASCII);
    /** The transcript label of every raw statement. */
    static final byte[] LABEL = "bench".getBytes(StandardCharsets.US_ASCII);
    static final long VALUE = 20;
    static final long MIN = 0;
    static final long MAX = 100;
    static final long TIME = 1_763_900_000_000L;
    static final long RAW_VALUE = 7;

    private Requests() {}

    /** A kind-2 prove request: value 20 in [0, 100], sequence number {@code seq}. */
    static byte[] proveRange(int bits, long seq) {
        return le(2 + 8 * 3 + 2 + SENSOR.length + 8 + 8)
                .put((byte) 2).put((byte) bits)
                .putLong(VALUE).putLong(MIN).putLong(MAX)
                .putShort((short) SENSOR.length).put(SENSOR)
                .putLong(seq).putLong(TIME)
                .array();
    }

    /** A kind-1 prove request: one value (7) with blinding 42. */
    static byte[] proveRaw(int bits) {
        byte[] blinding = new byte[32];
        blinding[0] = 42;
        return le(3 + 2 + LABEL.length + 8 + 32)
                .put((byte) 1).put((byte) bits).put((byte) 1)
                .putShort((short) LABEL.length).put(LABEL)
                .putLong(RAW_VALUE).put(blinding)
                .array();
    }

    /** The verify statement for a {@link #proveRange} output ({@code C, r, proof}). */
    static byte[] verifyRange(int bits, long seq, byte[] output) {
        int proofLen = output.length - 64;
        return le(2 + 32 + 16 + 2 + SENSOR.length + 16 + 4 + proofLen)
                .put((byte) 2).put((byte) bits)
                .put(output, 0, 32)
                .putLong(MIN).putLong(MAX)
                .putShort((short) SENSOR.length).put(SENSOR)
                .putLong(seq).putLong(TIME)
                .putInt(proofLen).put(output, 64, proofLen)
                .array();
    }

    /** The verify statement for a {@link #proveRaw} output ({@code V, proof}). */
    static byte[] verifyRaw(int bits, byte[] output) {
        int proofLen = output.length - 32;
        return le(3 + 2 + LABEL.length + 32 + 4 + proofLen)
                .put((byte) 1).put((byte) bits).put((byte) 1)
                .putShort((short) LABEL.length).put(LABEL)
                .put(output, 0, 32)
                .putInt(proofLen).put(output, 32, proofLen)
                .array();
    }

    /** A {@code zk_verify_batch} request: u32 count, then the statements. */
    static byte[] batch(List<byte[]> statements) {
        int length = 4;
        for (byte[] s : statements) {
            length += s.length;
        }
        ByteBuffer out = le(length).putInt(statements.size());
        statements.forEach(out::put);
        return out.array();
    }

    /** A 32-byte seed filled with {@code b}, as the native benchmark uses. */
    static byte[] seed(int b) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) b);
        return seed;
    }

    private static ByteBuffer le(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
