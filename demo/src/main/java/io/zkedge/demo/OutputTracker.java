package io.zkedge.demo;

import io.zkedge.evidence.ChainChecker;
import io.zkedge.evidence.ChainFinding;
import io.zkedge.evidence.EvidenceVerifier;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.DeadLetterReason;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.schemas.UndecodableRecordException;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what the job wrote, as a regulator would: {@code read_committed}, from the beginning of the
 * verdict, compliance and dead-letter topics. It checks every signature and per-sensor chain with
 * the evidence module's {@link ChainChecker} (public key only), and indexes verdicts and dead letters
 * by the proof record they answer, for the accounting.
 *
 * <p>Runs on its own thread; the getters return consistent snapshots.
 */
final class OutputTracker implements AutoCloseable {

    /** What the tracker has seen, as of one moment. */
    record Snapshot(
            Map<VerdictStatus, Long> verdictsByStatus,
            Map<ProofSystem, Long> verdictsBySystem,
            Map<DeadLetterReason, Long> deadLettersByReason,
            long complianceRecords,
            long undecodableOutputs) {

        long verdicts() {
            return verdictsByStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        long deadLetters() {
            return deadLettersByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One answer (verdict or dead letter) to a proof record, and when the tracker read it. */
    record Answer(String what, long seenAtMillis) {}

    private final String verdictsTopic;
    private final String complianceTopic;
    private final String deadLetterTopic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EvidenceVerifier verifier;
    private final AvroCodec<Verdict> verdictCodec = AvroCodec.forVerdicts();
    private final AvroCodec<ComplianceRecord> complianceCodec = AvroCodec.forComplianceRecords();
    private final AvroCodec<DeadLetter> deadLetterCodec = AvroCodec.forDeadLetters();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    // Guarded by this.
    private final Map<VerdictStatus, Long> verdictsByStatus = new EnumMap<>(VerdictStatus.class);
    private final Map<ProofSystem, Long> verdictsBySystem = new EnumMap<>(ProofSystem.class);
    private final Map<DeadLetterReason, Long> deadLettersByReason = new EnumMap<>(DeadLetterReason.class);
    private final Map<SourceKey, List<Answer>> answers = new HashMap<>();
    private final Map<SourceKey, Long> lateDeadLetters = new HashMap<>();
    private final Map<String, ChainChecker<Verdict>> verdictChains = new TreeMap<>();
    private final Map<String, ChainChecker<ComplianceRecord>> complianceChains = new TreeMap<>();
    private final Map<String, List<ComplianceRecord>> compliance = new TreeMap<>();
    private long complianceRecords;
    private long undecodableOutputs;

    OutputTracker(String bootstrapServers, String verdictsTopic, String complianceTopic, String deadLetterTopic,
            EvidenceVerifier verifier) {
        this.verdictsTopic = verdictsTopic;
        this.complianceTopic = complianceTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.verifier = verifier;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "zkedge-demo-audit");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "zkedge-demo-tracker");
        this.thread.setDaemon(true);
    }

    /** Assigns every partition of the three topics from their beginning and starts reading. */
    void start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(verdictsTopic, complianceTopic, deadLetterTopic)) {
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.currentTimeMillis();
                    synchronized (this) {
                        accept(record, now);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // close() woke us up
        } catch (Throwable t) {
            failure = t;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record, long now) {
        try {
            if (record.topic().equals(verdictsTopic)) {
                onVerdict(verdictCodec.decode(record.value()), now);
            } else if (record.topic().equals(complianceTopic)) {
                onCompliance(complianceCodec.decode(record.value()));
            } else {
                onDeadLetter(deadLetterCodec.decode(record.value()), now);
            }
        } catch (UndecodableRecordException e) {
            undecodableOutputs++;
        }
    }

    private void onVerdict(Verdict verdict, long now) {
        verdictsByStatus.merge(verdict.getStatus(), 1L, Long::sum);
        verdictsBySystem.merge(verdict.getProofSystem(), 1L, Long::sum);
        SourceKey key = new SourceKey(verdict.getSourcePartition(), verdict.getSourceOffset());
        answers.computeIfAbsent(key, k -> new ArrayList<>(1)).add(new Answer("verdict " + verdict.getStatus(), now));
        verdictChains.computeIfAbsent(verdict.getSensorId(), s -> ChainChecker.verdicts()
                .verifySignaturesWith(verifier).sensorId(s).build()).check(verdict);
    }

    private void onCompliance(ComplianceRecord record) {
        complianceRecords++;
        compliance.computeIfAbsent(record.getSensorId(), s -> new ArrayList<>()).add(record);
        complianceChains.computeIfAbsent(record.getSensorId(), s -> ChainChecker.complianceRecords()
                .verifySignaturesWith(verifier).sensorId(s).build()).check(record);
    }

    private void onDeadLetter(DeadLetter deadLetter, long now) {
        deadLettersByReason.merge(deadLetter.getReason(), 1L, Long::sum);
        SourceKey key = new SourceKey(deadLetter.getSourcePartition(), deadLetter.getSourceOffset());
        if (deadLetter.getReason() == DeadLetterReason.LATE) {
            // A verdict too late for its compliance window: the record already has its verdict.
            lateDeadLetters.merge(key, 1L, Long::sum);
        } else {
            answers.computeIfAbsent(key, k -> new ArrayList<>(1))
                    .add(new Answer("dead letter " + deadLetter.getReason(), now));
        }
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(new EnumMap<>(verdictsByStatus), new EnumMap<>(verdictsBySystem),
                new EnumMap<>(deadLettersByReason), complianceRecords,
                undecodableOutputs);
    }

    /** The answers per proof record seen so far (verdicts and non-LATE dead letters). */
    synchronized Map<SourceKey, List<Answer>> answers() {
        Map<SourceKey, List<Answer>> copy = new HashMap<>();
        answers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** How many of {@code keys} have at least one answer. */
    synchronized long answered(Iterable<SourceKey> keys) {
        long n = 0;
        for (SourceKey k : keys) {
            if (answers.containsKey(k)) {
                n++;
            }
        }
        return n;
    }

    /** Dead letters LATE, by the proof record whose verdict they carry. */
    synchronized Map<SourceKey, Long> lateDeadLetters() {
        return new HashMap<>(lateDeadLetters);
    }

    /** Findings of every per-sensor verdict chain (signatures included), by sensor. */
    synchronized Map<String, List<ChainFinding<Verdict>>> verdictFindings() {
        Map<String, List<ChainFinding<Verdict>>> out = new TreeMap<>();
        verdictChains.forEach((sensor, checker) -> out.put(sensor, List.copyOf(checker.findings())));
        return out;
    }

    /** Findings of every per-sensor compliance chain (signatures included), by sensor. */
    synchronized Map<String, List<ChainFinding<ComplianceRecord>>> complianceFindings() {
        Map<String, List<ChainFinding<ComplianceRecord>>> out = new TreeMap<>();
        complianceChains.forEach((sensor, checker) -> out.put(sensor, List.copyOf(checker.findings())));
        return out;
    }

    /** The compliance records per sensor, in the order read. */
    synchronized Map<String, List<ComplianceRecord>> compliance() {
        Map<String, List<ComplianceRecord>> out = new TreeMap<>();
        compliance.forEach((sensor, records) -> out.put(sensor, List.copyOf(records)));
        return out;
    }

    /** The error that stopped the reader thread, or null. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
