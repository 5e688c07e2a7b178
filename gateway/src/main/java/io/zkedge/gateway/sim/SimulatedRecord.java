package io.zkedge.gateway.sim;

import io.zkedge.schemas.ProofRecord;
import java.time.Instant;

/**
 * One record the simulator emits.
 *
 * @param sensorId the sensor, also the Kafka key
 * @param kind what the simulator made it into
 * @param seq the record's sequence number, or -1 for {@link RecordKind#GARBAGE}
 * @param eventTime the record's event time, or null for garbage
 * @param proofRecord the record as sent (a tampered one with its flipped bit), or null for garbage
 * @param value the Kafka value: the single-object encoding of {@code proofRecord}, or the garbage
 */
public record SimulatedRecord(
        String sensorId, RecordKind kind, long seq, Instant eventTime, ProofRecord proofRecord, byte[] value) {

    @Override
    public String toString() {
        return "SimulatedRecord[" + sensorId + " #" + seq + " " + kind + ", " + value.length + " bytes]";
    }
}
