package io.zkedge.audit.testutils;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.embedded.EmbeddedKafkaBroker;
import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.jobs.kafka.KafkaEnds;
import io.zkedge.jobs.kafka.KafkaPayloadDeserializer;
import io.zkedge.jobs.verification.VerificationJob;
import io.zkedge.jobs.verification.VerificationJobConfig;
import io.zkedge.operators.chain.SignerProvider;
import io.zkedge.operators.decode.KafkaPayload;
import io.zkedge.operators.verify.TrustBundleVerifierProvider;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.ManifestSigner;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The real verification job with its production Kafka ends (read_committed source bounded at the
 * offsets of its start, EXACTLY_ONCE sinks), a signed trust bundle and an edge key file, on the
 * MiniCluster of the calling test, against topics {@code <prefix>.proofs|verdicts|compliance|deadletter}.
 */
public final class VerificationJobRun {

    public static final int PARTITIONS = 2;

    private final EmbeddedKafkaBroker broker;
    private final String prefix;
    private final Path dir;

    public VerificationJobRun(EmbeddedKafkaBroker broker, String prefix, Path dir) {
        this.broker = broker;
        this.prefix = prefix;
        this.dir = dir;
        broker.createTopics(PARTITIONS, proofs(), verdicts(), compliance(), deadLetters());
        broker.createTopics(1, prefix + ".modules");
    }

    public String proofs() {
        return prefix + ".proofs";
    }

    public String verdicts() {
        return prefix + ".verdicts";
    }

    public String compliance() {
        return prefix + ".compliance";
    }

    public String deadLetters() {
        return prefix + ".deadletter";
    }

    /** Writes the input (idempotent, acks=all) and waits for every acknowledgement. */
    public void produce(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Properties props = broker.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            records.forEach(r -> sent.add(producer.send(r)));
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        }
    }

    /**
     * Runs the job over everything in the proofs topic, signing with {@code edgeKey}, and returns
     * once its last transactions are readable (the sinks' commit markers written).
     */
    public void run(Ed25519PrivateKey edgeKey) throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Path trusted = Files.createDirectories(dir.resolve("trusted-keys"));
        Ed25519PrivateKey release = Ed25519Keys.generate(new SecureRandom());
        byte[] module;
        try (InputStream in = BundledModules.class.getResourceAsStream(BundledModules.VERIFIER_RESOURCE)) {
            module = in.readAllBytes();
        }
        new ManifestSigner(release).writeModule(bundle, TrustBundleVerifierProvider.DEFAULT_MODULE,
                ProofSystem.BULLETPROOFS, 1, module, Instant.parse("2026-01-01T00:00:00Z"));
        Ed25519Keys.writePublicKey(release.publicKey(), trusted.resolve("release.pub"));
        Path signingKey = dir.resolve("edge-node.pem");
        Ed25519Keys.writePrivateKey(edgeKey, signingKey);

        Map<String, String> s = new HashMap<>();
        s.put(VerificationJobConfig.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers());
        s.put(VerificationJobConfig.PROOFS_TOPIC.key(), proofs());
        s.put(VerificationJobConfig.VERDICTS_TOPIC.key(), verdicts());
        s.put(VerificationJobConfig.COMPLIANCE_TOPIC.key(), compliance());
        s.put(VerificationJobConfig.DEAD_LETTER_TOPIC.key(), deadLetters());
        s.put(VerificationJobConfig.MODULES_TOPIC.key(), prefix + ".modules");
        s.put(VerificationJobConfig.GROUP_ID.key(), prefix);
        s.put(VerificationJobConfig.TRANSACTIONAL_ID_PREFIX.key(), prefix);
        s.put(VerificationJobConfig.CHECKPOINT_INTERVAL.key(), "500 ms");
        s.put(VerificationJobConfig.WINDOW_SIZE.key(), "10 s");
        s.put(VerificationJobConfig.REPORTING_INTERVAL.key(), "1 s");
        s.put(VerificationJobConfig.ALLOWED_LATENESS.key(), "2 s");
        s.put(VerificationJobConfig.MAX_OUT_OF_ORDERNESS.key(), "2 s");
        s.put(VerificationJobConfig.TRUST_BUNDLE_DIR.key(), bundle.toString());
        s.put(VerificationJobConfig.TRUSTED_KEYS_DIR.key(), trusted.toString());
        s.put(VerificationJobConfig.SIGNING_KEY_PATH.key(), signingKey.toString());
        VerificationJobConfig config = VerificationJobConfig.fromMap(s);

        KafkaSource<KafkaPayload> source = KafkaEnds.proofSourceBuilder(config)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new KafkaPayloadDeserializer())
                .build();
        KafkaSource<KafkaPayload> announcements = KafkaEnds.announcementSourceBuilder(config)
                .setBounded(OffsetsInitializer.latest())
                .build();
        new VerificationJob(config, source, announcements, KafkaEnds.verdictSink(config), KafkaEnds.complianceSink(config),
                KafkaEnds.deadLetterSink(config),
                new TrustBundleVerifierProvider(bundle.toString(), trusted.toString(), TrustBundleVerifierProvider.DEFAULT_MODULE),
                SignerProvider.fromKeyFile(signingKey.toString())).execute();
        awaitStable(verdicts(), compliance(), deadLetters());
    }

    /**
     * {@code commitTransaction()} returns before the coordinator has written the commit markers,
     * so right after the job ends a read_committed reader may stop short: wait until every
     * partition's last stable offset equals its high watermark.
     */
    private void awaitStable(String... topics) throws InterruptedException {
        try (KafkaConsumer<byte[], byte[]> committed = consumer("read_committed");
                KafkaConsumer<byte[], byte[]> uncommitted = consumer("read_uncommitted")) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : topics) {
                for (int p = 0; p < PARTITIONS; p++) {
                    partitions.add(new TopicPartition(t, p));
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!committed.endOffsets(partitions).equals(uncommitted.endOffsets(partitions))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("transactions still open after 30 s on " + List.of(topics));
                }
                Thread.sleep(100);
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String isolation) {
        Properties props = broker.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
