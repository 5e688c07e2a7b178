package io.zkedge.groth16;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Groth16/BN254 verifying key in its canonical binary encoding (docs/groth16.md):
 *
 * <pre>
 * u32 BE nPublic ‖ alpha (G1) ‖ beta (G2) ‖ gamma (G2) ‖ delta (G2) ‖ IC[0] … IC[nPublic] (G1)
 * </pre>
 *
 * <p>The circuit id is the SHA-256 of exactly these bytes. Coordinates are checked to be below p
 * here; that the points lie on the curve (and G2 points in the subgroup) is checked by the Wasm
 * verifier, which is the only place where points are used.
 */
public final class Groth16VerifyingKey {

    /**
     * The version of this encoding: a signed key's manifest carries it as its ABI version, so a
     * job refuses a key encoded some other way.
     */
    public static final int ENCODING_VERSION = 1;

    /** Most public inputs accepted; far above any zkedge circuit, it bounds what input can ask for. */
    public static final int MAX_PUBLIC_INPUTS = 1024;

    static final int FIXED_BYTES = 4 + Bn254.G1_BYTES + 3 * Bn254.G2_BYTES;

    private final byte[] bytes;
    private final int nPublic;
    private final String circuitId;

    private Groth16VerifyingKey(byte[] bytes, int nPublic) {
        this.bytes = bytes;
        this.nPublic = nPublic;
        this.circuitId = HexFormat.of().formatHex(sha256(bytes));
    }

    /** The encoded length of a key with {@code nPublic} public inputs. */
    public static int encodedLength(int nPublic) {
        return FIXED_BYTES + (nPublic + 1) * Bn254.G1_BYTES;
    }

    /**
     * Reads a key from its canonical encoding.
     *
     * @throws Groth16FormatException if the length does not match nPublic, nPublic is above
     *     {@link #MAX_PUBLIC_INPUTS}, or a coordinate is not below p
     */
    public static Groth16VerifyingKey fromBytes(byte[] encoded) throws Groth16FormatException {
        if (encoded.length < FIXED_BYTES + Bn254.G1_BYTES) {
            throw new Groth16FormatException("verifying key: " + encoded.length
                    + " bytes, shorter than the smallest key (" + (FIXED_BYTES + Bn254.G1_BYTES) + ")");
        }
        long n = ((encoded[0] & 0xffL) << 24) | ((encoded[1] & 0xff) << 16)
                | ((encoded[2] & 0xff) << 8) | (encoded[3] & 0xff);
        if (n > MAX_PUBLIC_INPUTS) {
            throw new Groth16FormatException(
                    "verifying key: nPublic " + n + " is above " + MAX_PUBLIC_INPUTS);
        }
        int nPublic = (int) n;
        if (encoded.length != encodedLength(nPublic)) {
            throw new Groth16FormatException("verifying key: " + encoded.length + " bytes, but nPublic "
                    + nPublic + " needs " + encodedLength(nPublic));
        }
        Bn254.requireCanonical(encoded, 4, encoded.length - 4, Bn254.P, "verifying key");
        return new Groth16VerifyingKey(encoded.clone(), nPublic);
    }

    /** The canonical encoding (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of public inputs a proof under this key has. */
    public int nPublic() {
        return nPublic;
    }

    /** SHA-256 of {@link #bytes()}, lower-case hex: names the circuit and its keys. */
    public String circuitId() {
        return circuitId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Groth16VerifyingKey other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Groth16VerifyingKey[circuitId=" + circuitId + ", nPublic=" + nPublic + "]";
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
