package io.zkedge.groth16;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Groth16/BN254 proof in its compact encoding: {@code A (G1) ‖ B (G2) ‖ C (G1)}, 256 bytes
 * (docs/groth16.md). Coordinates are checked to be below p; curve and subgroup membership are
 * the Wasm verifier's checks.
 */
public final class Groth16Proof {

    /** Bytes of an encoded proof. */
    public static final int BYTES = 2 * Bn254.G1_BYTES + Bn254.G2_BYTES;

    private final byte[] bytes;

    private Groth16Proof(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Reads a proof from its 256-byte encoding.
     *
     * @throws Groth16FormatException on another length or a coordinate not below p
     */
    public static Groth16Proof fromBytes(byte[] encoded) throws Groth16FormatException {
        if (encoded.length != BYTES) {
            throw new Groth16FormatException(
                    "proof: " + encoded.length + " bytes, expected " + BYTES);
        }
        Bn254.requireCanonical(encoded, 0, BYTES, Bn254.P, "proof");
        return new Groth16Proof(encoded.clone());
    }

    /** The 256-byte encoding (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Groth16Proof other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Groth16Proof[" + HexFormat.of().formatHex(bytes, 0, 8) + "…]";
    }
}
