package io.zkedge.bulletproofs;

import java.util.Arrays;

/**
 * What the prover returns for a zkedge range statement.
 *
 * @param commitment C = v·B + r·B_blinding, 32 bytes; published with the proof
 * @param blinding r, 32 bytes; secret: with it, C opens to v
 * @param proof the range proof; published
 */
public record RangeProofBundle(byte[] commitment, byte[] blinding, byte[] proof) {

    /** The statement a verifier checks for this proof. */
    public RangeStatement statement(int bits, long min, long max, String sensorId, long seq, long eventTimeMillis) {
        return new RangeStatement(bits, commitment, min, max, sensorId, seq, eventTimeMillis, proof);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangeProofBundle other
                && Arrays.equals(commitment, other.commitment)
                && Arrays.equals(blinding, other.blinding)
                && Arrays.equals(proof, other.proof);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(commitment) + Arrays.hashCode(blinding)) + Arrays.hashCode(proof);
    }

    @Override
    public String toString() {
        // The blinding is a secret: keep it out of logs.
        return "RangeProofBundle[commitment=" + commitment.length + " bytes, proof=" + proof.length + " bytes]";
    }
}
