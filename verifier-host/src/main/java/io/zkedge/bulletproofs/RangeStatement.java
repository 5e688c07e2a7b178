package io.zkedge.bulletproofs;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A zkedge range statement (ABI kind 2): the value committed in {@code commitment} lies in
 * {@code [min, max]}, and the proof is bound to the sensor, sequence number and event time, so it
 * cannot be replayed for another one.
 *
 * @param bits 8, 16, 32 or 64; {@code max - min} must be below {@code 2^bits}
 * @param commitment 32 bytes: {@code C = v·B + r·B_blinding}, compressed Ristretto
 * @param min lowest allowed value
 * @param max highest allowed value
 * @param sensorId the sensor, at most 256 bytes in UTF-8
 * @param seq sequence number, an unsigned 64-bit value in a {@code long}
 * @param eventTimeMillis event time, milliseconds since the Unix epoch
 * @param proof an aggregated dalek range proof for {@code (v - min, max - v)}
 */
public record RangeStatement(
        int bits,
        byte[] commitment,
        long min,
        long max,
        String sensorId,
        long seq,
        long eventTimeMillis,
        byte[] proof)
        implements Statement {

    public RangeStatement {
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(proof, "proof");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangeStatement other
                && bits == other.bits
                && Arrays.equals(commitment, other.commitment)
                && min == other.min
                && max == other.max
                && sensorId.equals(other.sensorId)
                && seq == other.seq
                && eventTimeMillis == other.eventTimeMillis
                && Arrays.equals(proof, other.proof);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(bits, min, max, sensorId, seq, eventTimeMillis);
        h = 31 * h + Arrays.hashCode(commitment);
        return 31 * h + Arrays.hashCode(proof);
    }

    @Override
    public String toString() {
        return "RangeStatement[bits=" + bits + ", commitment=" + HexFormat.of().formatHex(commitment)
                + ", min=" + min + ", max=" + max + ", sensorId=" + sensorId
                + ", seq=" + Long.toUnsignedString(seq) + ", eventTimeMillis=" + eventTimeMillis
                + ", proof=" + proof.length + " bytes]";
    }
}
