package io.zkedge.jobs.testutils;

import io.zkedge.embedded.EmbeddedKafkaBroker;
import io.zkedge.jobs.kafka.KafkaEnds;
import io.zkedge.jobs.verification.VerificationJob;
import io.zkedge.jobs.verification.VerificationJobConfig;
import io.zkedge.operators.chain.SignerProvider;
import io.zkedge.operators.decode.KafkaPayload;
import io.zkedge.operators.verify.TrustBundleVerifierProvider;
import io.zkedge.operators.verify.VerifierProvider;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The verification job on its production ends (KafkaSource read_committed, EXACTLY_ONCE
 * KafkaSinks, a signed trust bundle, a key file), with topics of its own on the embedded broker.
 * The source is bounded at the offsets the topic has when the job starts, so {@link #run} returns
 * once every record is through and the final checkpoint has committed the sinks' transactions.
 */
public final class VerificationPipeline {

    /** Partitions of every topic. */
    public static final int PARTITIONS = 2;

    private final EmbeddedKafkaBroker broker;
    private final TrustFixture trust;
    private final String prefix;
    private final KafkaTopics topics;

    /** Creates the topics {@code <prefix>.proofs}, {@code .verdicts}, {@code .compliance}, {@code .deadletter}, {@code .modules}. */
    public VerificationPipeline(EmbeddedKafkaBroker broker, TrustFixture trust, String prefix) {
        this.broker = broker;
        this.trust = trust;
        this.prefix = prefix;
        this.topics = new KafkaTopics(broker);
        broker.createTopics(PARTITIONS, proofsTopic(), verdictsTopic(), complianceTopic(), deadLetterTopic());
        broker.createTopics(1, modulesTopic());
        topics.awaitWritable(proofsTopic(), verdictsTopic(), complianceTopic(), deadLetterTopic(), modulesTopic());
    }

    /**
     * The job's settings for this pipeline: its topics, a 500 ms checkpoint interval, 10 s
     * compliance windows expecting a reading per second with 2 s of allowed lateness, 2 s of
     * out-of-orderness, and {@code overrides} on top.
     */
    public VerificationJobConfig config(Map<String, String> overrides) {
        Map<String, String> s = new HashMap<>();
        s.put(VerificationJobConfig.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers());
        s.put(VerificationJobConfig.PROOFS_TOPIC.key(), proofsTopic());
        s.put(VerificationJobConfig.VERDICTS_TOPIC.key(), verdictsTopic());
        s.put(VerificationJobConfig.COMPLIANCE_TOPIC.key(), complianceTopic());
        s.put(VerificationJobConfig.DEAD_LETTER_TOPIC.key(), deadLetterTopic());
        s.put(VerificationJobConfig.MODULES_TOPIC.key(), modulesTopic());
        s.put(VerificationJobConfig.GROUP_ID.key(), prefix);
        s.put(VerificationJobConfig.TRANSACTIONAL_ID_PREFIX.key(), prefix);
        s.put(VerificationJobConfig.CHECKPOINT_INTERVAL.key(), "500 ms");
        s.put(VerificationJobConfig.WINDOW_SIZE.key(), "10 s");
        s.put(VerificationJobConfig.REPORTING_INTERVAL.key(), "1 s");
        s.put(VerificationJobConfig.ALLOWED_LATENESS.key(), "2 s");
        s.put(VerificationJobConfig.MAX_OUT_OF_ORDERNESS.key(), "2 s");
        s.put(VerificationJobConfig.TRUST_BUNDLE_DIR.key(), trust.bundleDir().toString());
        s.put(VerificationJobConfig.TRUSTED_KEYS_DIR.key(), trust.trustedKeysDir().toString());
        s.put(VerificationJobConfig.SIGNING_KEY_PATH.key(), trust.signingKey().toString());
        s.putAll(overrides);
        return VerificationJobConfig.fromMap(s);
    }

    /** Runs the job with the production verifier provider and deserializer, to the end of the input. */
    public JobExecutionResult run(VerificationJobConfig config) throws Exception {
        return run(config, new io.zkedge.jobs.kafka.KafkaPayloadDeserializer(), trustedVerifiers(config));
    }

    /** Runs the job with the given deserializer and verifiers, to the end of the input. */
    public JobExecutionResult run(VerificationJobConfig config, KafkaRecordDeserializationSchema<KafkaPayload> deserializer,
            VerifierProvider verifiers) throws Exception {
        KafkaSource<KafkaPayload> source = KafkaEnds.proofSourceBuilder(config)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(deserializer)
                .build();
        return job(config, source, announcementSource(config), verifiers).execute();
    }

    /**
     * Runs the job with one subtask, which then reads every partition, from a source that fetches
     * one record batch per partition at a time, so that the partitions' batches interleave, and
     * reads one record per {@code millisPerRecord}, so that watermarks go out in between.
     */
    public JobExecutionResult runOneSubtask(VerificationJobConfig config, long millisPerRecord) throws Exception {
        KafkaSource<KafkaPayload> source = KafkaEnds.proofSourceBuilder(config)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setProperty("max.partition.fetch.bytes", "1") // a fetch still returns one whole batch
                .setDeserializer(new ThrottledDeserializer(millisPerRecord))
                .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        job(config, source, announcementSource(config), trustedVerifiers(config)).build(env);
        return env.execute(config.get(VerificationJobConfig.JOB_NAME));
    }

    /**
     * Starts the job without waiting: proofs read one per {@code millisPerRecord} until each
     * partition reaches its offset in {@code proofsEnd}, announcements until the control topic's
     * (single) partition reaches {@code announcementsEnd}; so both can be published while it runs.
     */
    public JobClient start(VerificationJobConfig config, Map<Integer, Long> proofsEnd, long announcementsEnd,
            long millisPerRecord) throws Exception {
        Map<TopicPartition, Long> proofsStop = new HashMap<>();
        proofsEnd.forEach((partition, offset) -> proofsStop.put(new TopicPartition(proofsTopic(), partition), offset));
        KafkaSource<KafkaPayload> source = KafkaEnds.proofSourceBuilder(config)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.offsets(proofsStop))
                .setDeserializer(new ThrottledDeserializer(millisPerRecord))
                .build();
        KafkaSource<KafkaPayload> announcements = KafkaEnds.announcementSourceBuilder(config)
                .setBounded(OffsetsInitializer.offsets(Map.of(new TopicPartition(modulesTopic(), 0), announcementsEnd)))
                .build();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        job(config, source, announcements, trustedVerifiers(config)).build(env);
        return env.executeAsync(config.get(VerificationJobConfig.JOB_NAME));
    }

    /** The job on these sources, with the production sinks and the configured signing key. */
    private static VerificationJob job(VerificationJobConfig config, KafkaSource<KafkaPayload> proofs,
            KafkaSource<KafkaPayload> announcements, VerifierProvider verifiers) {
        return new VerificationJob(config, proofs, announcements, KafkaEnds.verdictSink(config), KafkaEnds.complianceSink(config),
                KafkaEnds.deadLetterSink(config), verifiers,
                SignerProvider.fromKeyFile(config.get(VerificationJobConfig.SIGNING_KEY_PATH)));
    }

    /** The control topic's source, bounded like the proofs source. */
    private static KafkaSource<KafkaPayload> announcementSource(VerificationJobConfig config) {
        return KafkaEnds.announcementSourceBuilder(config).setBounded(OffsetsInitializer.latest()).build();
    }

    /** The verifiers of the signed trust bundle. */
    public static VerifierProvider trustedVerifiers(VerificationJobConfig config) {
        return new TrustBundleVerifierProvider(config.get(VerificationJobConfig.TRUST_BUNDLE_DIR),
                config.get(VerificationJobConfig.TRUSTED_KEYS_DIR), TrustBundleVerifierProvider.DEFAULT_MODULE);
    }

    /** A proof record as a gateway sends it (key = sensor id) to a given partition. */
    public ProducerRecord<byte[], byte[]> proof(int partition, ProofRecord record) {
        return raw(partition, record.getSensorId(), io.zkedge.operators.testutils.ProofFixtures.encode(record));
    }

    /** Any bytes with any key to a given partition. */
    public ProducerRecord<byte[], byte[]> raw(int partition, String key, byte[] value) {
        return new ProducerRecord<>(proofsTopic(), partition, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    public void produce(List<ProducerRecord<byte[], byte[]>> records) {
        topics.produce(records);
    }

    public List<Verdict> verdicts() {
        return topics.readCommitted(verdictsTopic(), AvroCodec.forVerdicts());
    }

    public List<ComplianceRecord> complianceRecords() {
        return topics.readCommitted(complianceTopic(), AvroCodec.forComplianceRecords());
    }

    public List<DeadLetter> deadLetters() {
        return topics.readCommitted(deadLetterTopic(), AvroCodec.forDeadLetters());
    }

    public KafkaTopics topics() {
        return topics;
    }

    public String proofsTopic() {
        return prefix + ".proofs";
    }

    public String verdictsTopic() {
        return prefix + ".verdicts";
    }

    public String complianceTopic() {
        return prefix + ".compliance";
    }

    public String deadLetterTopic() {
        return prefix + ".deadletter";
    }

    public String modulesTopic() {
        return prefix + ".modules";
    }
}
