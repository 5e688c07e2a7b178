package io.zkedge.groth16;

import java.math.BigInteger;

/**
 * BN254 (alt_bn128, snarkjs "bn128") constants and the 32-byte big-endian field encoding of
 * EIP-196/EIP-197 used by the compact Groth16 formats (docs/groth16.md).
 */
public final class Bn254 {

    /** Base field modulus p (EIP-196). Coordinates must be below it. */
    public static final BigInteger P = new BigInteger(
            "21888242871839275222246405745257275088696311157297823662689037894645226208583");

    /** Order r of the groups G1 and G2 (EIP-196). Public inputs (scalars) must be below it. */
    public static final BigInteger R = new BigInteger(
            "21888242871839275222246405745257275088548364400416034343698204186575808495617");

    /** Bytes of one field element or scalar. */
    public static final int FIELD_BYTES = 32;

    /** Bytes of a G1 point: x ‖ y. */
    public static final int G1_BYTES = 2 * FIELD_BYTES;

    /** Bytes of a G2 point: x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0 (imaginary part first, EIP-197). */
    public static final int G2_BYTES = 4 * FIELD_BYTES;

    private Bn254() {}

    /** Writes {@code value} (already checked to be below 2^256) as 32 bytes big-endian. */
    static void writeField(BigInteger value, byte[] out, int offset) {
        byte[] raw = value.toByteArray(); // big-endian two's complement, maybe a leading 0x00
        int len = raw.length;
        int skip = 0;
        if (len > FIELD_BYTES) {
            skip = len - FIELD_BYTES; // only sign bytes, as value < 2^256
            len = FIELD_BYTES;
        }
        System.arraycopy(raw, skip, out, offset + FIELD_BYTES - len, len);
    }

    /** Reads 32 bytes big-endian as a non-negative integer. */
    static BigInteger readField(byte[] in, int offset) {
        byte[] raw = new byte[FIELD_BYTES];
        System.arraycopy(in, offset, raw, 0, FIELD_BYTES);
        return new BigInteger(1, raw);
    }

    /** Checks that every 32-byte word of {@code in[offset, offset+len)} is below {@code bound}. */
    static void requireCanonical(byte[] in, int offset, int len, BigInteger bound, String what)
            throws Groth16FormatException {
        for (int i = 0; i < len; i += FIELD_BYTES) {
            if (readField(in, offset + i).compareTo(bound) >= 0) {
                throw new Groth16FormatException(what + ": field element at byte " + (offset + i)
                        + " is not below " + (bound.equals(P) ? "p" : "r"));
            }
        }
    }
}
