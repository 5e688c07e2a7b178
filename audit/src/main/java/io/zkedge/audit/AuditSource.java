package io.zkedge.audit;

import java.util.List;

/**
 * Where an audit reads committed records: a Kafka cluster ({@link KafkaAuditSource}) or an export
 * file ({@link ExportFileSource}). Either way the records of a topic are bounded by the end
 * offsets observed when the source was opened, so an audit always terminates.
 */
public interface AuditSource extends AutoCloseable {

    /** Receives records, one at a time. */
    @FunctionalInterface
    interface RecordHandler {
        void accept(SourcedRecord record) throws AuditInputException;
    }

    /**
     * The partitions of {@code topic} that will be read, in partition order.
     *
     * @throws AuditInputException if the source does not hold the topic
     */
    List<PartitionRange> partitions(String topic) throws AuditInputException;

    /**
     * Hands every committed record of {@code topic} to {@code handler}: partition by partition,
     * each in offset order, up to the end offsets of {@link #partitions}.
     */
    void read(String topic, RecordHandler handler) throws AuditInputException;

    @Override
    void close();
}
