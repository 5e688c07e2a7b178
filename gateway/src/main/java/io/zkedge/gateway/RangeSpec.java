package io.zkedge.gateway;

import io.zkedge.schemas.RangeParameters;

/**
 * The public range of a zkedge range statement: a sensor proves that its reading lies in
 * {@code [min, max]}, with {@code max - min < 2^bits} (see {@code docs/range-statement.md}).
 *
 * @param min lowest allowed reading
 * @param max highest allowed reading
 * @param bits 8, 16, 32 or 64
 */
public record RangeSpec(long min, long max, int bits) {

    /** @throws IllegalArgumentException if the prover module could not prove this range */
    public RangeSpec {
        if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
            throw new IllegalArgumentException("bits must be 8, 16, 32 or 64, was " + bits);
        }
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " is above max " + max);
        }
        // max - min as an unsigned 64-bit number must be below 2^bits.
        long width = max - min;
        if (bits < 64 && Long.compareUnsigned(width, 1L << bits) >= 0) {
            throw new IllegalArgumentException("the range [" + min + ", " + max + "] is wider than 2^" + bits + " values");
        }
    }

    /** Whether {@code value} can be proven: {@code min <= value <= max}. */
    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    /** The Avro form carried in a {@code ProofRecord}. */
    public RangeParameters toAvro() {
        return RangeParameters.newBuilder().setMin(min).setMax(max).setBits(bits).build();
    }

    /** The range of a {@code ProofRecord}. */
    public static RangeSpec fromAvro(RangeParameters range) {
        return new RangeSpec(range.getMin(), range.getMax(), range.getBits());
    }
}
