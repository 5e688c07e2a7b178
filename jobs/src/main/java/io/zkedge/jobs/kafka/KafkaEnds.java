package io.zkedge.jobs.kafka;

import static io.zkedge.jobs.verification.VerificationJobConfig.BOOTSTRAP_SERVERS;
import static io.zkedge.jobs.verification.VerificationJobConfig.COMPLIANCE_TOPIC;
import static io.zkedge.jobs.verification.VerificationJobConfig.DEAD_LETTER_TOPIC;
import static io.zkedge.jobs.verification.VerificationJobConfig.GROUP_ID;
import static io.zkedge.jobs.verification.VerificationJobConfig.MODULES_TOPIC;
import static io.zkedge.jobs.verification.VerificationJobConfig.SINK_BATCH_SIZE;
import static io.zkedge.jobs.verification.VerificationJobConfig.SINK_LINGER;
import static io.zkedge.jobs.verification.VerificationJobConfig.PROOFS_TOPIC;
import static io.zkedge.jobs.verification.VerificationJobConfig.STARTING_OFFSETS;
import static io.zkedge.jobs.verification.VerificationJobConfig.TRANSACTIONAL_ID_PREFIX;
import static io.zkedge.jobs.verification.VerificationJobConfig.TRANSACTION_TIMEOUT;
import static io.zkedge.jobs.verification.VerificationJobConfig.VERDICTS_TOPIC;

import io.zkedge.jobs.verification.VerificationJobConfig;
import io.zkedge.operators.decode.KafkaPayload;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.Verdict;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The production ends of the verification job: read_committed KafkaSources on the proofs topic
 * and the control topic, and EXACTLY_ONCE KafkaSinks, all from a {@link VerificationJobConfig}.
 */
public final class KafkaEnds {

    private KafkaEnds() {}

    /**
     * The proofs source: {@code isolation.level=read_committed} (a gateway's aborted transactions
     * are never seen), offsets committed to the consumer group on each completed checkpoint (for
     * monitoring; recovery uses the checkpoint's own offsets), and starting offsets as configured.
     */
    public static KafkaSource<KafkaPayload> proofSource(VerificationJobConfig config) {
        return proofSourceBuilder(config).build();
    }

    /** The proofs source's builder, for callers that add e.g. {@code setBounded}. */
    public static KafkaSourceBuilder<KafkaPayload> proofSourceBuilder(VerificationJobConfig config) {
        return KafkaSource.<KafkaPayload>builder()
                .setBootstrapServers(config.get(BOOTSTRAP_SERVERS))
                .setTopics(config.get(PROOFS_TOPIC))
                .setGroupId(config.get(GROUP_ID))
                .setStartingOffsets(startingOffsets(config.get(STARTING_OFFSETS)))
                .setDeserializer(new KafkaPayloadDeserializer())
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setClientIdPrefix(config.get(GROUP_ID));
    }

    /**
     * The control source: module announcements of {@code topics.modules}, read_committed, always
     * from the earliest offset on a fresh start (the topic is the log of module decisions, and the
     * newest accepted one wins); after a restore, from the checkpoint's offsets.
     */
    public static KafkaSource<KafkaPayload> announcementSource(VerificationJobConfig config) {
        return announcementSourceBuilder(config).build();
    }

    /** The control source's builder, for callers that add e.g. {@code setBounded}. */
    public static KafkaSourceBuilder<KafkaPayload> announcementSourceBuilder(VerificationJobConfig config) {
        return KafkaSource.<KafkaPayload>builder()
                .setBootstrapServers(config.get(BOOTSTRAP_SERVERS))
                .setTopics(config.get(MODULES_TOPIC))
                .setGroupId(config.get(GROUP_ID) + "-modules")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new KafkaPayloadDeserializer())
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setClientIdPrefix(config.get(GROUP_ID) + "-modules");
    }

    /** EXACTLY_ONCE sink of the verdicts topic. */
    public static KafkaSink<Verdict> verdictSink(VerificationJobConfig config) {
        return exactlyOnce(config, config.get(VERDICTS_TOPIC), AvroRecordSerializer.verdicts(config.get(VERDICTS_TOPIC)));
    }

    /** EXACTLY_ONCE sink of the compliance topic. */
    public static KafkaSink<ComplianceRecord> complianceSink(VerificationJobConfig config) {
        return exactlyOnce(config, config.get(COMPLIANCE_TOPIC),
                AvroRecordSerializer.complianceRecords(config.get(COMPLIANCE_TOPIC)));
    }

    /** EXACTLY_ONCE sink of the dead-letter topic. */
    public static KafkaSink<DeadLetter> deadLetterSink(VerificationJobConfig config) {
        return exactlyOnce(config, config.get(DEAD_LETTER_TOPIC), AvroRecordSerializer.deadLetters(config.get(DEAD_LETTER_TOPIC)));
    }

    /**
     * A transactional sink: records become visible to read_committed readers when the checkpoint
     * after them completes. Each sink gets its own transactional id prefix ({@code prefix-topic}),
     * and {@code transaction.timeout.ms} from the configuration (Kafka's producer default of 1 h
     * exceeds the broker's default maximum of 15 min, and the job would restart forever).
     *
     * <p>Transactional ids are pooled ({@link TransactionNamingStrategy#POOLING}, connector 4.0+,
     * Kafka 3.0+): the connector's default names a fresh id for every checkpoint and subtask, and
     * the broker keeps each id's metadata for {@code transactional.id.expiration.ms} (7 days), which
     * for three sinks at parallelism 2 and 5 s checkpoints is 100,000 ids a day. On recovery the
     * pool's open transactions are found with ListTransactions and aborted.
     */
    static <T> KafkaSink<T> exactlyOnce(VerificationJobConfig config, String topic, KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.get(BOOTSTRAP_SERVERS))
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.get(TRANSACTIONAL_ID_PREFIX) + "-" + topic)
                .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(config.get(TRANSACTION_TIMEOUT).toMillis()))
                .setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .setProperty(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(config.get(SINK_LINGER).toMillis()))
                .setProperty(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(config.get(SINK_BATCH_SIZE).getBytes()))
                .build();
    }

    private static OffsetsInitializer startingOffsets(String mode) {
        return switch (mode) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }
}
