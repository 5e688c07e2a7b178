package io.zkedge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.embedded.EmbeddedKafkaExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Kafka source reads committed records only, up to the end offsets of its start, and then stops. */
class KafkaAuditSourceTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension().withTopics(1, "k.tx", "k.stable");

    @Test
    void shouldReadOnlyCommittedRecordsUpToTheEndOffsetsSeenAtOpen() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = transactional("audit-test")) {
            producer.initTransactions();
            producer.beginTransaction();
            send(producer, 1, 2);                           // offsets 0, 1; commit marker 2
            producer.commitTransaction();
            producer.beginTransaction();
            send(producer, 3);                              // offset 3, aborted; marker 4
            producer.flush();                               // (unsent records would just be dropped)
            producer.abortTransaction();
            awaitLastStableOffset(5);                       // the abort marker is written asynchronously
            producer.beginTransaction();
            send(producer, 5, 6);                           // offsets 5, 6: still open
            producer.flush();

            try (KafkaAuditSource source = KafkaAuditSource.open(KAFKA.clientProperties(), List.of("k.tx"))) {
                assertThat(source.partitions("k.tx")).containsExactly(new PartitionRange("k.tx", 0, 0, 5));
                assertThat(values(source)).containsExactly(1, 2);

                producer.commitTransaction();
                assertThat(values(source)).as("after the open transaction commits: the same snapshot").containsExactly(1, 2);
            }
        }
        awaitLastStableOffset(7);
        try (KafkaAuditSource later = KafkaAuditSource.open(KAFKA.clientProperties(), List.of("k.tx"))) {
            assertThat(values(later)).containsExactly(1, 2, 5, 6);
        }
    }

    @Test
    void shouldWaitForTheMarkersOfATransactionThatJustCommittedWhenAskedTo() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = transactional("audit-stable")) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int v = 1; v <= 3; v++) {
                producer.send(new ProducerRecord<>("k.stable", 0, null, new byte[] {(byte) v}));
            }
            producer.commitTransaction(); // returns before the commit marker is written
        }
        try (KafkaAuditSource source = KafkaAuditSource.open(KAFKA.clientProperties(), List.of("k.stable"),
                KafkaAuditSource.DEFAULT_STALL_TIMEOUT, java.time.Duration.ofSeconds(30))) {
            assertThat(source.partitions("k.stable")).containsExactly(new PartitionRange("k.stable", 0, 0, 4));
            List<Integer> out = new ArrayList<>();
            source.read("k.stable", r -> out.add((int) r.value()[0]));
            assertThat(out).containsExactly(1, 2, 3);
        }
    }

    @Test
    void shouldRefuseATopicThatDoesNotExist() {
        assertThatThrownBy(() -> KafkaAuditSource.open(KAFKA.clientProperties(), List.of("k.none")))
                .isInstanceOf(AuditInputException.class).hasMessage("topic k.none does not exist");
    }

    private static void awaitLastStableOffset(long offset) throws InterruptedException {
        Properties props = KAFKA.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        TopicPartition tp = new TopicPartition("k.tx", 0);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (c.endOffsets(List.of(tp)).get(tp) < offset) {
                assertThat(System.nanoTime()).as("last stable offset %d within 30 s", offset).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    private static List<Integer> values(AuditSource source) throws AuditInputException {
        List<Integer> out = new ArrayList<>();
        source.read("k.tx", r -> out.add((int) r.value()[0]));
        return out;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, int... values) {
        for (int v : values) {
            producer.send(new ProducerRecord<>("k.tx", 0, null, new byte[] {(byte) v}));
        }
    }

    private static KafkaProducer<byte[], byte[]> transactional(String id) {
        Properties props = KAFKA.clientProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
