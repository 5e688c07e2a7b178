package io.zkedge.audit.testutils;

import io.zkedge.audit.AuditInputException;
import io.zkedge.audit.AuditSource;
import io.zkedge.audit.PartitionRange;
import io.zkedge.audit.SourcedRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link AuditSource} over records held in memory, in the order a Kafka partition would hand
 * them over (partition by partition, by offset). Each partition's range is [0, last offset + 1).
 */
public final class ListSource implements AuditSource {

    private final Map<String, List<SourcedRecord>> topics = new LinkedHashMap<>();
    private final Map<String, Integer> partitions = new LinkedHashMap<>();

    /** Adds a topic with {@code partitionCount} partitions and these records. */
    public ListSource with(String topic, int partitionCount, List<SourcedRecord> records) {
        List<SourcedRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(SourcedRecord::partition).thenComparingLong(SourcedRecord::offset));
        topics.put(topic, sorted);
        partitions.put(topic, partitionCount);
        return this;
    }

    /** The records of a topic. */
    public List<SourcedRecord> records(String topic) {
        return topics.get(topic);
    }

    @Override
    public List<PartitionRange> partitions(String topic) throws AuditInputException {
        List<SourcedRecord> records = topics.get(topic);
        if (records == null) {
            throw new AuditInputException("no topic " + topic);
        }
        Map<Integer, Long> end = new TreeMap<>();
        for (int p = 0; p < partitions.get(topic); p++) {
            end.put(p, 0L);
        }
        records.forEach(r -> end.merge(r.partition(), r.offset() + 1, Math::max));
        List<PartitionRange> out = new ArrayList<>();
        end.forEach((p, e) -> out.add(new PartitionRange(topic, p, 0, e)));
        return out;
    }

    @Override
    public void read(String topic, RecordHandler handler) throws AuditInputException {
        partitions(topic);
        for (SourcedRecord r : topics.get(topic)) {
            handler.accept(r);
        }
    }

    @Override
    public void close() {}
}
