package io.zkedge.audit;

import java.util.Objects;

/**
 * One committed Kafka record as the audit reads it: where it was and its value bytes, exactly as
 * stored (not yet decoded, so an undecodable value can be reported where it is).
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset in the partition
 * @param timestamp the record's Kafka timestamp, in ms since the epoch
 * @param value the value bytes (empty for a null value)
 */
public record SourcedRecord(String topic, int partition, long offset, long timestamp, byte[] value) {

    /** Checks the components. */
    public SourcedRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
    }

    /** {@code topic/partition@offset}, as findings name a place. */
    public String place() {
        return topic + "/" + partition + "@" + offset;
    }
}
