package io.zkedge.audit;

import java.util.Objects;

/**
 * One problem an audit found, located by topic, partition and offset.
 *
 * @param stream which check found it
 * @param kind what it is
 * @param sensorId the sensor whose chain it is in, or null (undecodable records, accounting)
 * @param topic the topic of the record it is about
 * @param partition its partition
 * @param offset its offset (for a {@link FindingKind#GAP}: the first record after the gap)
 * @param chainIndex the record's chain index, or -1 when it has none
 * @param detail what was expected and what was found, in words
 */
public record Finding(Stream stream, FindingKind kind, String sensorId, String topic, int partition, long offset,
        long chainIndex, String detail) {

    /** The check that produced a finding. */
    public enum Stream {
        /** The verdict chains. */
        VERDICTS,
        /** The compliance chains. */
        COMPLIANCE,
        /** Every proof record answered exactly once. */
        ACCOUNTING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Checks the components. */
    public Finding {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(detail, "detail");
    }

    /** A finding about {@code record}. */
    static Finding at(Stream stream, FindingKind kind, String sensorId, SourcedRecord record, long chainIndex,
            String detail) {
        return new Finding(stream, kind, sensorId, record.topic(), record.partition(), record.offset(), chainIndex, detail);
    }
}
