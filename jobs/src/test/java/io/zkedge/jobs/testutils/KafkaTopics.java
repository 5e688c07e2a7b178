package io.zkedge.jobs.testutils;

import io.zkedge.embedded.EmbeddedKafkaBroker;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.UndecodableRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.RecordMetadata;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes test input to, and reads committed output from, the embedded broker. */
public final class KafkaTopics {

    private final EmbeddedKafkaBroker broker;

    public KafkaTopics(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /**
     * Sends the records in order (idempotent, acks=all) and waits until each is written.
     *
     * @throws AssertionError if any record was not written: a test must never run on partial input
     */
    public void produce(List<ProducerRecord<byte[], byte[]>> records) {
        Properties props = broker.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> r : records) {
                sent.add(producer.send(r));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("could not write the test input: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The transactional ids the broker's coordinators know that start with {@code prefix}. */
    public Set<String> transactionalIds(String prefix) {
        try {
            return broker.admin().listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                    .map(TransactionListing::transactionalId)
                    .filter(id -> id.startsWith(prefix))
                    .collect(Collectors.toSet());
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("could not list the broker's transactions: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Waits until every partition of the topics answers a list-offsets request from its leader. A
     * freshly created partition may otherwise refuse the first writes with NOT_LEADER_OR_FOLLOWER,
     * and an idempotent producer's retries of them can end in OUT_OF_ORDER_SEQUENCE_NUMBER.
     */
    public void awaitWritable(String... topics) {
        Admin admin = broker.admin();
        long deadline = System.currentTimeMillis() + 30_000;
        for (String topic : topics) {
            while (true) {
                try {
                    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                            .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                    admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new AssertionError(topic + " is not writable after 30 s: " + e.getMessage(), e);
                    }
                    sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /**
     * Every committed record of {@code topic}, partition by partition in offset order, as a
     * read_committed consumer sees it once the topic's transactions are done.
     *
     * <p>A producer's {@code commitTransaction()} returns before the transaction coordinator has
     * written the commit markers into the partitions, so right after a job ends its last
     * transaction may not be readable yet. This waits until no transaction holds a partition back
     * (its last stable offset equals its high watermark) before reading up to there.
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("read_committed");
                KafkaConsumer<byte[], byte[]> uncommitted = consumer("read_uncommitted")) {
            Map<TopicPartition, Long> stable = awaitStable(topic, consumer, uncommitted);
            List<TopicPartition> partitions = new ArrayList<>(stable.keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < stable.get(p))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not read " + topic + " up to " + stable);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            out.sort((a, b) -> a.partition() != b.partition()
                    ? Integer.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()));
            return out;
        }
    }

    /**
     * Waits until no transaction holds a partition of {@code topic} back (its last stable offset
     * equals its high watermark) and returns those offsets; see {@link #readCommitted(String)}.
     */
    public Map<TopicPartition, Long> awaitStable(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("read_committed");
                KafkaConsumer<byte[], byte[]> uncommitted = consumer("read_uncommitted")) {
            return awaitStable(topic, consumer, uncommitted);
        }
    }

    private static Map<TopicPartition, Long> awaitStable(String topic, KafkaConsumer<byte[], byte[]> consumer,
            KafkaConsumer<byte[], byte[]> uncommitted) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toList());
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long settle = System.currentTimeMillis() + 30_000;
        while (!end.equals(uncommitted.endOffsets(partitions))) {
            if (System.currentTimeMillis() > settle) {
                throw new AssertionError("transactions on " + topic + " still open after 30 s: last stable offsets "
                        + end + ", high watermarks " + uncommitted.endOffsets(partitions));
            }
            sleep(100);
            end = consumer.endOffsets(partitions);
        }
        return end;
    }

    private KafkaConsumer<byte[], byte[]> consumer(String isolation) {
        Properties props = broker.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The committed records of {@code topic}, decoded. */
    public <T extends IndexedRecord> List<T> readCommitted(String topic, AvroCodec<T> codec) {
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(topic)) {
            try {
                out.add(codec.decode(r.value()));
            } catch (UndecodableRecordException e) {
                throw new AssertionError("the job wrote an undecodable record to " + topic + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
