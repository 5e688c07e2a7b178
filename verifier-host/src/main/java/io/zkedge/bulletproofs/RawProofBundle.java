package io.zkedge.bulletproofs;

import java.util.Arrays;
import java.util.List;

/**
 * What the prover returns for a plain dalek range proof.
 *
 * @param commitments one 32-byte commitment per value, in order
 * @param proof dalek {@code RangeProof::to_bytes}
 */
public record RawProofBundle(List<byte[]> commitments, byte[] proof) {

    public RawProofBundle {
        commitments = List.copyOf(commitments);
    }

    /** The statement a verifier checks for this proof. */
    public RawRangeStatement statement(int bits, byte[] label) {
        return new RawRangeStatement(bits, label, commitments, proof);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RawProofBundle other)
                || !Arrays.equals(proof, other.proof)
                || commitments.size() != other.commitments.size()) {
            return false;
        }
        for (int i = 0; i < commitments.size(); i++) {
            if (!Arrays.equals(commitments.get(i), other.commitments.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(proof);
        for (byte[] commitment : commitments) {
            h = 31 * h + Arrays.hashCode(commitment);
        }
        return h;
    }

    @Override
    public String toString() {
        return "RawProofBundle[commitments=" + commitments.size() + ", proof=" + proof.length + " bytes]";
    }
}
