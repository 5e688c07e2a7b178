package io.zkedge.operators.decode;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record exactly as read from the proofs topic: where it came from and its raw key and
 * value. The source emits these; {@link DecodeFunction} turns them into proofs or dead letters.
 *
 * <p>A Flink POJO (public fields, no-argument constructor) so that it travels with Flink's
 * POJO serializer.
 */
public class KafkaPayload {

    /** The topic the record was read from. */
    public String topic;

    /** Its partition. */
    public int partition;

    /** Its offset in the partition. */
    public long offset;

    /** The record key (the gateway writes the sensor id in UTF-8), or null. */
    public byte[] key;

    /** The record value (a single-object-encoded ProofRecord if all is well), or null. */
    public byte[] value;

    /** The Kafka record timestamp, in epoch milliseconds. */
    public long timestamp;

    /** For Flink's POJO serializer. */
    public KafkaPayload() {}

    public KafkaPayload(String topic, int partition, long offset, byte[] key, byte[] value, long timestamp) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaPayload other
                && Objects.equals(topic, other.topic)
                && partition == other.partition
                && offset == other.offset
                && Arrays.equals(key, other.key)
                && Arrays.equals(value, other.value)
                && timestamp == other.timestamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + " (" + (value == null ? "null" : value.length + " bytes") + ")";
    }
}
