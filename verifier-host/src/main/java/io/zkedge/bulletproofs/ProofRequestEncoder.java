package io.zkedge.bulletproofs;

import static io.zkedge.bulletproofs.BulletproofsAbi.KIND_RANGE;
import static io.zkedge.bulletproofs.BulletproofsAbi.KIND_RAW;
import static io.zkedge.bulletproofs.BulletproofsAbi.MAX_LABEL_BYTES;
import static io.zkedge.bulletproofs.BulletproofsAbi.MAX_SENSOR_BYTES;
import static io.zkedge.bulletproofs.BulletproofsAbi.POINT_BYTES;

import java.nio.ByteBuffer;

/**
 * Writes {@code zk_prove} requests (ABI.md, "Prover"). Arguments the ABI cannot carry are refused
 * with {@link IllegalArgumentException}; what it can carry goes to the module, which decides.
 */
final class ProofRequestEncoder {

    private ProofRequestEncoder() {}

    /** Kind 2: u8 kind, u8 n, i64 value, i64 min, i64 max, u16 sensor_len, sensor, u64 seq, i64 time. */
    static byte[] range(long value, long min, long max, int bits, String sensorId, long seq, long time) {
        checkBits(bits);
        byte[] sensor = Utf8.encodeOrNull(sensorId);
        if (sensor == null) {
            throw new IllegalArgumentException("sensor id is not valid Unicode: " + sensorId);
        }
        if (sensor.length > MAX_SENSOR_BYTES) {
            throw new IllegalArgumentException("sensor id is " + sensor.length
                    + " bytes in UTF-8, the limit is " + MAX_SENSOR_BYTES);
        }
        return StatementEncoder.littleEndian(1 + 1 + 8 + 8 + 8 + 2 + sensor.length + 8 + 8)
                .put(KIND_RANGE)
                .put((byte) bits)
                .putLong(value)
                .putLong(min)
                .putLong(max)
                .putShort((short) sensor.length)
                .put(sensor)
                .putLong(seq)
                .putLong(time)
                .array();
    }

    /** Kind 1: u8 kind, u8 n, u8 m, u16 label_len, label, m × (u64 value, 32-byte blinding). */
    static byte[] raw(int bits, byte[] label, long[] values, byte[][] blindings) {
        checkBits(bits);
        if (label.length > MAX_LABEL_BYTES) {
            throw new IllegalArgumentException(
                    "label is " + label.length + " bytes, the limit is " + MAX_LABEL_BYTES);
        }
        if (values.length != blindings.length) {
            throw new IllegalArgumentException(
                    values.length + " values but " + blindings.length + " blindings");
        }
        if (values.length > 0xff) {
            throw new IllegalArgumentException(
                    "the number of values must be 1, 2, 4 or 8, was " + values.length);
        }
        ByteBuffer out = StatementEncoder.littleEndian(
                1 + 1 + 1 + 2 + label.length + values.length * (8 + POINT_BYTES));
        out.put(KIND_RAW).put((byte) bits).put((byte) values.length).putShort((short) label.length).put(label);
        for (int i = 0; i < values.length; i++) {
            if (blindings[i].length != POINT_BYTES) {
                throw new IllegalArgumentException(
                        "blinding " + i + " is " + blindings[i].length + " bytes, not " + POINT_BYTES);
            }
            out.putLong(values[i]).put(blindings[i]);
        }
        return out.array();
    }

    private static void checkBits(int bits) {
        if (bits < 0 || bits > 0xff) {
            throw new IllegalArgumentException("bits must be 8, 16, 32 or 64, was " + bits);
        }
    }
}
