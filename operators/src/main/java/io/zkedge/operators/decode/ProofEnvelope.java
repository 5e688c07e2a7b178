package io.zkedge.operators.decode;

import io.zkedge.schemas.ProofRecord;
import java.util.Objects;

/**
 * A decoded, consistent proof record and the Kafka coordinates it was read from, which every
 * verdict carries so that a record can be traced from input to output.
 *
 * <p>A Flink POJO; the {@link ProofRecord} field travels with Flink's Avro serializer.
 */
public class ProofEnvelope {

    /** The decoded record. */
    public ProofRecord record;

    /** The partition of the proofs topic it was read from. */
    public int sourcePartition;

    /** Its offset there. */
    public long sourceOffset;

    /** For Flink's POJO serializer. */
    public ProofEnvelope() {}

    public ProofEnvelope(ProofRecord record, int sourcePartition, long sourceOffset) {
        this.record = Objects.requireNonNull(record, "record");
        this.sourcePartition = sourcePartition;
        this.sourceOffset = sourceOffset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProofEnvelope other
                && Objects.equals(record, other.record)
                && sourcePartition == other.sourcePartition
                && sourceOffset == other.sourceOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourcePartition, sourceOffset);
    }

    @Override
    public String toString() {
        return "ProofEnvelope[" + (record == null ? null : record.getSensorId() + "#" + record.getSeq())
                + " from " + sourcePartition + "@" + sourceOffset + "]";
    }
}
