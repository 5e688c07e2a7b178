package io.zkedge.groth16;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * The public inputs of a Groth16 proof: scalars below r, each 32 bytes big-endian, in the
 * circuit's order (snarkjs public.json order).
 */
public final class Groth16PublicInputs {

    private final byte[] bytes;

    private Groth16PublicInputs(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Reads {@code expectedCount} scalars from their concatenated encoding.
     *
     * @throws Groth16FormatException if the length is not {@code 32 × expectedCount} or a scalar
     *     is not below r
     */
    public static Groth16PublicInputs fromBytes(byte[] encoded, int expectedCount)
            throws Groth16FormatException {
        if (expectedCount < 0 || (long) expectedCount * Bn254.FIELD_BYTES != encoded.length) {
            throw new Groth16FormatException("public inputs: " + encoded.length + " bytes, expected "
                    + expectedCount + " × " + Bn254.FIELD_BYTES);
        }
        Bn254.requireCanonical(encoded, 0, encoded.length, Bn254.R, "public inputs");
        return new Groth16PublicInputs(encoded.clone());
    }

    /**
     * The given scalars, in order.
     *
     * @throws Groth16FormatException if one is negative or not below r
     */
    public static Groth16PublicInputs of(List<BigInteger> scalars) throws Groth16FormatException {
        byte[] out = new byte[scalars.size() * Bn254.FIELD_BYTES];
        for (int i = 0; i < scalars.size(); i++) {
            BigInteger s = scalars.get(i);
            if (s.signum() < 0 || s.compareTo(Bn254.R) >= 0) {
                throw new Groth16FormatException("public input " + i + ": " + s + " is not in [0, r)");
            }
            Bn254.writeField(s, out, i * Bn254.FIELD_BYTES);
        }
        return new Groth16PublicInputs(out);
    }

    /** Number of inputs. */
    public int size() {
        return bytes.length / Bn254.FIELD_BYTES;
    }

    /** Input {@code index} as an integer in [0, r). */
    public BigInteger get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        return Bn254.readField(bytes, index * Bn254.FIELD_BYTES);
    }

    /** The concatenated encoding (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Groth16PublicInputs other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Groth16PublicInputs[");
        for (int i = 0; i < size(); i++) {
            s.append(i == 0 ? "" : ", ").append(get(i));
        }
        return s.append(']').toString();
    }
}
