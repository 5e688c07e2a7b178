package io.zkedge.bulletproofs;

import static io.zkedge.bulletproofs.BulletproofsAbi.KIND_RANGE;
import static io.zkedge.bulletproofs.BulletproofsAbi.KIND_RAW;
import static io.zkedge.bulletproofs.BulletproofsAbi.MAX_LABEL_BYTES;
import static io.zkedge.bulletproofs.BulletproofsAbi.MAX_PROOF_BYTES;
import static io.zkedge.bulletproofs.BulletproofsAbi.MAX_SENSOR_BYTES;
import static io.zkedge.bulletproofs.BulletproofsAbi.POINT_BYTES;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes statements in the layout of ABI.md, "Statements" (all integers little-endian).
 *
 * <p>What the ABI's framing cannot carry is answered here without asking the module: a field
 * longer than its limit (label, sensor id, proof), a commitment that is not 32 bytes, or an
 * invalid UTF-16 sensor id is {@code MALFORMED}; a bit count or a number of commitments that
 * does not fit its byte is {@code UNSUPPORTED}. Everything else, including values the module
 * will refuse (n = 12, min &gt; max), is sent: the module is the authority on statements.
 */
final class StatementEncoder {

    private StatementEncoder() {}

    static EncodedStatement encode(Statement statement) {
        if (statement instanceof RangeStatement range) {
            return encodeRange(range);
        }
        return encodeRaw((RawRangeStatement) statement);
    }

    /**
     * Kind 2: u8 kind, u8 n, 32 commitment, i64 min, i64 max, u16 sensor_len, sensor, u64 seq,
     * i64 time, u32 proof_len, proof.
     */
    private static EncodedStatement encodeRange(RangeStatement s) {
        if (!fitsU8(s.bits())) {
            return EncodedStatement.refused(VerificationStatus.UNSUPPORTED);
        }
        byte[] sensor = Utf8.encodeOrNull(s.sensorId());
        if (s.commitment().length != POINT_BYTES
                || sensor == null
                || sensor.length > MAX_SENSOR_BYTES
                || s.proof().length > MAX_PROOF_BYTES) {
            return EncodedStatement.refused(VerificationStatus.MALFORMED);
        }
        ByteBuffer out = littleEndian(1 + 1 + POINT_BYTES + 8 + 8 + 2 + sensor.length + 8 + 8 + 4 + s.proof().length);
        out.put(KIND_RANGE)
                .put((byte) s.bits())
                .put(s.commitment())
                .putLong(s.min())
                .putLong(s.max())
                .putShort((short) sensor.length)
                .put(sensor)
                .putLong(s.seq())
                .putLong(s.eventTimeMillis())
                .putInt(s.proof().length)
                .put(s.proof());
        return EncodedStatement.of(out.array());
    }

    /** Kind 1: u8 kind, u8 n, u8 m, u16 label_len, label, m × 32 commitments, u32 proof_len, proof. */
    private static EncodedStatement encodeRaw(RawRangeStatement s) {
        List<byte[]> commitments = s.commitments();
        if (!fitsU8(s.bits()) || !fitsU8(commitments.size())) {
            return EncodedStatement.refused(VerificationStatus.UNSUPPORTED);
        }
        if (s.label().length > MAX_LABEL_BYTES
                || s.proof().length > MAX_PROOF_BYTES
                || commitments.stream().anyMatch(c -> c.length != POINT_BYTES)) {
            return EncodedStatement.refused(VerificationStatus.MALFORMED);
        }
        ByteBuffer out = littleEndian(
                1 + 1 + 1 + 2 + s.label().length + commitments.size() * POINT_BYTES + 4 + s.proof().length);
        out.put(KIND_RAW)
                .put((byte) s.bits())
                .put((byte) commitments.size())
                .putShort((short) s.label().length)
                .put(s.label());
        commitments.forEach(out::put);
        out.putInt(s.proof().length).put(s.proof());
        return EncodedStatement.of(out.array());
    }

    /** A {@code zk_verify_batch} request: u32 count, then the statements. */
    static byte[] batchRequest(List<byte[]> statements) {
        int length = 4;
        for (byte[] statement : statements) {
            length += statement.length;
        }
        ByteBuffer out = littleEndian(length);
        out.putInt(statements.size());
        statements.forEach(out::put);
        return out.array();
    }

    static ByteBuffer littleEndian(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static boolean fitsU8(int value) {
        return value >= 0 && value <= 0xff;
    }
}
