package io.zkedge.bulletproofs;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A plain dalek range proof (ABI kind 1): what {@code RangeProof::verify_multiple} checks with
 * {@code Transcript::new(label)}, i.e. every committed value lies in {@code [0, 2^bits)}.
 *
 * @param bits 8, 16, 32 or 64
 * @param label the transcript label the prover used, at most 1024 bytes
 * @param commitments 1, 2, 4 or 8 commitments of 32 bytes (compressed Ristretto)
 * @param proof dalek {@code RangeProof::to_bytes}
 */
public record RawRangeStatement(int bits, byte[] label, List<byte[]> commitments, byte[] proof)
        implements Statement {

    public RawRangeStatement {
        Objects.requireNonNull(label, "label");
        commitments = List.copyOf(Objects.requireNonNull(commitments, "commitments"));
        Objects.requireNonNull(proof, "proof");
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RawRangeStatement other)
                || bits != other.bits
                || !Arrays.equals(label, other.label)
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
        int h = 31 * bits + Arrays.hashCode(label);
        for (byte[] commitment : commitments) {
            h = 31 * h + Arrays.hashCode(commitment);
        }
        return 31 * h + Arrays.hashCode(proof);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "RawRangeStatement[bits=" + bits + ", label=" + hex.formatHex(label)
                + ", commitments=" + commitments.stream().map(hex::formatHex).collect(Collectors.joining(",", "[", "]"))
                + ", proof=" + proof.length + " bytes]";
    }
}
