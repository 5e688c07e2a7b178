package io.zkedge.operators.verify;

import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.VerdictStatus;
import java.util.Arrays;
import java.util.Objects;

/**
 * A proof record with the verifier's answer: what the batch verification operator emits and the
 * replay guard turns into a signed verdict.
 *
 * <p>A Flink POJO; the {@link ProofRecord} travels with Flink's Avro serializer.
 */
public class VerifiedProof {

    /** The record as decoded. */
    public ProofRecord record;

    /** VALID, INVALID, MALFORMED, UNSUPPORTED or UNKNOWN_STATEMENT. */
    public VerdictStatus status;

    /** Why, for anything but VALID; null otherwise. */
    public String reason;

    /** SHA-256 of the module that decided; empty when none ran (UNKNOWN_STATEMENT). */
    public byte[] moduleSha256;

    /** The batch the record was verified in. */
    public String batchId;

    /** When its batch was verified, epoch milliseconds. */
    public long verifiedAt;

    /** Partition of the proofs topic the record came from. */
    public int sourcePartition;

    /** Its offset there. */
    public long sourceOffset;

    /** For Flink's POJO serializer. */
    public VerifiedProof() {}

    public VerifiedProof(
            ProofRecord record,
            VerdictStatus status,
            String reason,
            byte[] moduleSha256,
            String batchId,
            long verifiedAt,
            int sourcePartition,
            long sourceOffset) {
        this.record = Objects.requireNonNull(record, "record");
        this.status = Objects.requireNonNull(status, "status");
        this.reason = reason;
        this.moduleSha256 = Objects.requireNonNull(moduleSha256, "moduleSha256");
        this.batchId = Objects.requireNonNull(batchId, "batchId");
        this.verifiedAt = verifiedAt;
        this.sourcePartition = sourcePartition;
        this.sourceOffset = sourceOffset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifiedProof other
                && Objects.equals(record, other.record)
                && status == other.status
                && Objects.equals(reason, other.reason)
                && Arrays.equals(moduleSha256, other.moduleSha256)
                && Objects.equals(batchId, other.batchId)
                && verifiedAt == other.verifiedAt
                && sourcePartition == other.sourcePartition
                && sourceOffset == other.sourceOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, batchId, sourcePartition, sourceOffset);
    }

    @Override
    public String toString() {
        return "VerifiedProof[" + (record == null ? null : record.getSensorId() + "#" + record.getSeq())
                + " " + status + (reason == null ? "" : " (" + reason + ")") + ", batch " + batchId
                + ", from " + sourcePartition + "@" + sourceOffset + "]";
    }
}
