package io.zkedge.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics from a Kafka cluster with {@code isolation.level=read_committed}, without a
 * consumer group (partitions are assigned, nothing is committed). The end offsets of every topic
 * are taken once, when the source opens, in the order the topics are given: an audit that also
 * accounts for the proofs topic names it last, so that no answer it reads can be newer than the
 * proofs it checks them against.
 *
 * <pre>{@code
 * try (KafkaAuditSource source = KafkaAuditSource.open(props, List.of("zkedge.verdicts", "zkedge.compliance"))) {
 *   source.read("zkedge.verdicts", record -> ...);
 * }
 * }</pre>
 */
public final class KafkaAuditSource implements AuditSource {

    /** How long a partition may make no progress before the read gives up. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, List<PartitionRange>> ranges = new LinkedHashMap<>();
    private final Duration stallTimeout;

    private KafkaAuditSource(KafkaConsumer<byte[], byte[]> consumer, Duration stallTimeout) {
        this.consumer = consumer;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Connects with {@code clientProperties} (at least {@code bootstrap.servers}) and takes the
     * offsets of {@code topics}.
     *
     * @throws AuditInputException if a topic does not exist
     * @throws org.apache.kafka.common.KafkaException if the cluster cannot be reached
     */
    public static KafkaAuditSource open(Properties clientProperties, List<String> topics) throws AuditInputException {
        return open(clientProperties, topics, DEFAULT_STALL_TIMEOUT);
    }

    /** {@link #open(Properties, List)} with a stall timeout. */
    public static KafkaAuditSource open(Properties clientProperties, List<String> topics, Duration stallTimeout)
            throws AuditInputException {
        return open(clientProperties, topics, stallTimeout, Duration.ZERO);
    }

    /**
     * {@link #open(Properties, List, Duration)} that first waits up to {@code awaitStable} until
     * no transaction is open on the topics (every last stable offset equals the high watermark),
     * then takes the offsets either way. A producer's {@code commitTransaction()} returns before
     * the commit markers are written, so an audit started right after a pipeline drained would
     * otherwise stop short of its last transaction.
     */
    public static KafkaAuditSource open(Properties clientProperties, List<String> topics, Duration stallTimeout,
            Duration awaitStable) throws AuditInputException {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "zkedge-audit");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        KafkaAuditSource source = new KafkaAuditSource(consumer, stallTimeout);
        long stableDeadline = System.nanoTime() + awaitStable.toNanos(); // one wait for all topics
        try {
            Set<String> existing = consumer.listTopics().keySet();
            for (String topic : topics) {
                if (source.ranges.containsKey(topic)) {
                    continue;
                }
                if (!existing.contains(topic)) {
                    throw new AuditInputException("topic " + topic + " does not exist");
                }
                if (!awaitStable.isZero()) {
                    source.awaitStable(props, topic, stableDeadline);
                }
                source.ranges.put(topic, source.snapshot(topic));
            }
            return source;
        } catch (AuditInputException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private void awaitStable(Properties props, String topic, long deadline) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Properties uncommittedProps = new Properties();
        uncommittedProps.putAll(props);
        uncommittedProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        uncommittedProps.put(ConsumerConfig.CLIENT_ID_CONFIG, props.get(ConsumerConfig.CLIENT_ID_CONFIG) + "-watermarks");
        try (KafkaConsumer<byte[], byte[]> uncommitted = new KafkaConsumer<>(uncommittedProps,
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            while (!consumer.endOffsets(partitions).equals(uncommitted.endOffsets(partitions))
                    && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private List<PartitionRange> snapshot(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic)) {
            partitions.add(new TopicPartition(topic, p.partition()));
        }
        partitions.sort(Comparator.comparingInt(TopicPartition::partition));
        // read_committed: endOffsets are the last stable offsets, below any open transaction.
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
        List<PartitionRange> out = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long s = start.get(tp);
            out.add(new PartitionRange(topic, tp.partition(), s, Math.max(s, end.get(tp))));
        }
        return List.copyOf(out);
    }

    @Override
    public List<PartitionRange> partitions(String topic) throws AuditInputException {
        List<PartitionRange> r = ranges.get(topic);
        if (r == null) {
            throw new AuditInputException("topic " + topic + " was not opened for this audit");
        }
        return r;
    }

    @Override
    public void read(String topic, RecordHandler handler) throws AuditInputException {
        for (PartitionRange range : partitions(topic)) {
            if (range.endOffset() > range.startOffset()) {
                readPartition(range, handler);
            }
        }
    }

    /** One partition at a time, so that each sensor's records arrive in a fixed order. */
    private void readPartition(PartitionRange range, RecordHandler handler) throws AuditInputException {
        TopicPartition tp = new TopicPartition(range.topic(), range.partition());
        consumer.assign(List.of(tp));
        consumer.seek(tp, range.startOffset());
        long lastProgress = System.nanoTime();
        long position = range.startOffset();
        while (position < range.endOffset()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() >= range.endOffset()) {
                    break;
                }
                handler.accept(new SourcedRecord(r.topic(), r.partition(), r.offset(), r.timestamp(),
                        r.value() == null ? new byte[0] : r.value()));
            }
            // The position also moves over transaction markers and aborted records.
            long now = consumer.position(tp);
            if (now > position) {
                position = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                throw new IllegalStateException("no progress reading " + tp + " at offset " + position
                        + " (end offset " + range.endOffset() + ") for " + stallTimeout.toSeconds() + " s");
            }
        }
        consumer.assign(List.of());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
