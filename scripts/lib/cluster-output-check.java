// INTERIM output check of scripts/e2e-cluster.sh, until `zkedge audit` is on this branch (then
// e2e-cluster.sh calls that instead; see its audit_outputs function). Run as a Java single-file
// program on the job jar's class path (schemas, evidence, kafka-clients) plus Flink's (slf4j):
//
//   java -cp JOB_JAR:FLINK_CP scripts/lib/cluster-output-check.java \
//     --bootstrap-servers H:P --public-key edge.pub [--settle-seconds 180] [--report FILE]
//
// Reads, as a regulator would (isolation.level=read_committed, from the beginning), the proofs,
// verdicts, dead-letter and compliance topics, and checks invariant 1 of DESIGN.md: every proofs
// record (partition, offset) is answered by exactly one verdict (Verdict.sourcePartition /
// sourceOffset) or one non-LATE dead letter (a LATE dead letter derives from a verdict and answers
// nothing). It keeps reading until every proof is answered or --settle-seconds pass (answers
// become visible with the checkpoint after them), then drains to the end once more so that late
// duplicates are seen. It also checks every verdict and compliance chain per sensor, signatures
// included (evidence module's ChainChecker, public key only).
//
// Prints the figures; exit 0 clean, 1 findings (lost, duplicated, unmatched, broken chains),
// 2 usage error.

import io.zkedge.evidence.ChainChecker;
import io.zkedge.evidence.ChainFinding;
import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.EvidenceVerifier;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.DeadLetterReason;
import io.zkedge.schemas.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

public final class ClusterOutputCheck {

    /** A proofs record's coordinates. */
    record Source(int partition, long offset) {}

    private final Map<String, String> args;
    private final String proofsTopic;
    private final EvidenceVerifier verifier;
    private final AvroCodec<Verdict> verdicts = AvroCodec.forVerdicts();
    private final AvroCodec<DeadLetter> deadLetters = AvroCodec.forDeadLetters();
    private final AvroCodec<ComplianceRecord> compliance = AvroCodec.forComplianceRecords();

    private final Map<Source, Integer> answers = new HashMap<>();
    private final Map<String, ChainChecker<Verdict>> verdictChains = new TreeMap<>();
    private final Map<String, ChainChecker<ComplianceRecord>> complianceChains = new TreeMap<>();
    private final Map<String, Long> verdictsByStatus = new TreeMap<>();
    private final Map<String, Long> deadLettersByReason = new TreeMap<>();
    private long verdictCount;
    private long deadLetterCount;
    private long complianceCount;
    private long undecodableOutputs;
    private long unmatched;

    ClusterOutputCheck(Map<String, String> args) throws Exception {
        this.args = args;
        this.proofsTopic = args.getOrDefault("proofs-topic", "zkedge.proofs");
        this.verifier = new EvidenceVerifier(List.of(Ed25519Keys.readPublicKey(Path.of(required("public-key")))));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i += 2) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                System.err.println("cluster-output-check: expected --key value pairs, got " + argv[i]);
                System.exit(2);
            }
            args.put(argv[i].substring(2), argv[i + 1]);
        }
        System.exit(new ClusterOutputCheck(args).run());
    }

    private String required(String key) {
        String value = args.get(key);
        if (value == null) {
            System.err.println("cluster-output-check: --" + key + " is required");
            System.exit(2);
        }
        return value;
    }

    private KafkaConsumer<byte[], byte[]> consumer(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, required("bootstrap-servers"));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        c.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        c.assign(partitions);
        c.seekToBeginning(partitions);
        return c;
    }

    /** Polls until the consumer's position reached the end offsets (the last stable offsets) of now. */
    private static void drain(KafkaConsumer<byte[], byte[]> c, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        Map<TopicPartition, Long> end = c.endOffsets(c.assignment());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
            c.poll(Duration.ofMillis(500)).forEach(sink);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read to the end of " + c.assignment() + " within 60 s");
            }
        }
    }

    int run() throws Exception {
        String verdictTopic = args.getOrDefault("verdicts-topic", "zkedge.verdicts");
        String deadLetterTopic = args.getOrDefault("dead-letter-topic", "zkedge.deadletter");
        String complianceTopic = args.getOrDefault("compliance-topic", "zkedge.compliance");
        long settleMillis = Long.parseLong(args.getOrDefault("settle-seconds", "180")) * 1000;

        List<Source> proofs = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(proofsTopic)) {
            drain(c, r -> proofs.add(new Source(r.partition(), r.offset())));
        }

        long started = System.currentTimeMillis();
        try (KafkaConsumer<byte[], byte[]> v = consumer(verdictTopic);
             KafkaConsumer<byte[], byte[]> d = consumer(deadLetterTopic);
             KafkaConsumer<byte[], byte[]> k = consumer(complianceTopic)) {
            while (true) {
                drain(v, this::onVerdict);
                drain(d, this::onDeadLetter);
                if (lost(proofs) == 0 || System.currentTimeMillis() - started > settleMillis) {
                    break;
                }
                Thread.sleep(1000);
            }
            // Whatever else was committed by now: late duplicates, the compliance records.
            drain(v, this::onVerdict);
            drain(d, this::onDeadLetter);
            drain(k, this::onCompliance);
        }
        return report(proofs);
    }

    private long lost(List<Source> proofs) {
        return proofs.stream().filter(s -> !answers.containsKey(s)).count();
    }

    private void answer(int partition, long offset) {
        answers.merge(new Source(partition, offset), 1, Integer::sum);
    }

    private void onVerdict(ConsumerRecord<byte[], byte[]> r) {
        Verdict verdict;
        try {
            verdict = verdicts.decode(r.value());
        } catch (Exception e) {
            undecodableOutputs++;
            return;
        }
        verdictCount++;
        verdictsByStatus.merge(verdict.getStatus().name(), 1L, Long::sum);
        answer(verdict.getSourcePartition(), verdict.getSourceOffset());
        verdictChains.computeIfAbsent(verdict.getSensorId().toString(), s -> ChainChecker.verdicts()
                .verifySignaturesWith(verifier).sensorId(s).build()).check(verdict);
    }

    private void onDeadLetter(ConsumerRecord<byte[], byte[]> r) {
        DeadLetter letter;
        try {
            letter = deadLetters.decode(r.value());
        } catch (Exception e) {
            undecodableOutputs++;
            return;
        }
        deadLetterCount++;
        deadLettersByReason.merge(letter.getReason().name(), 1L, Long::sum);
        if (letter.getReason() != DeadLetterReason.LATE && proofsTopic.equals(letter.getSourceTopic().toString())) {
            answer(letter.getSourcePartition(), letter.getSourceOffset());
        }
    }

    private void onCompliance(ConsumerRecord<byte[], byte[]> r) {
        ComplianceRecord record;
        try {
            record = compliance.decode(r.value());
        } catch (Exception e) {
            undecodableOutputs++;
            return;
        }
        complianceCount++;
        complianceChains.computeIfAbsent(record.getSensorId().toString(), s -> ChainChecker.complianceRecords()
                .verifySignaturesWith(verifier).sensorId(s).build()).check(record);
    }

    private int report(List<Source> proofs) throws Exception {
        java.util.Set<Source> inputs = new java.util.HashSet<>(proofs);
        long lost = lost(proofs);
        long duplicated = answers.entrySet().stream().filter(e -> inputs.contains(e.getKey()) && e.getValue() > 1).count();
        unmatched = answers.keySet().stream().filter(s -> !inputs.contains(s)).count();
        Map<String, Long> findingsByKind = new TreeMap<>();
        long brokenVerdictChains = brokenChains(verdictChains.values(), findingsByKind);
        long brokenComplianceChains = brokenChains(complianceChains.values(), findingsByKind);

        Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("records_in", (long) proofs.size());
        figures.put("verdicts", verdictCount);
        figures.put("verdicts_by_status", verdictsByStatus);
        figures.put("dead_letters", deadLetterCount);
        figures.put("dead_letters_by_reason", deadLettersByReason);
        figures.put("compliance_records", complianceCount);
        figures.put("answered", (long) proofs.size() - lost);
        figures.put("lost", lost);
        figures.put("duplicated", duplicated);
        figures.put("unmatched_answers", unmatched);
        figures.put("undecodable_outputs", undecodableOutputs);
        figures.put("sensors", (long) verdictChains.size());
        figures.put("broken_verdict_chains", brokenVerdictChains);
        figures.put("broken_compliance_chains", brokenComplianceChains);
        figures.put("chain_findings_by_kind", findingsByKind);

        StringBuilder json = new StringBuilder("{");
        figures.forEach((key, value) -> {
            json.append(json.length() > 1 ? ", " : "").append('"').append(key).append("\": ");
            if (value instanceof Map<?, ?> map) {
                StringBuilder inner = new StringBuilder("{");
                map.forEach((k, n) -> inner.append(inner.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(n));
                json.append(inner).append('}');
            } else {
                json.append(value);
            }
            System.out.printf("%-26s %s%n", key, value);
        });
        json.append("}\n");
        if (args.containsKey("report")) {
            Files.writeString(Path.of(args.get("report")), json, StandardCharsets.UTF_8);
        }
        boolean clean = lost == 0 && duplicated == 0 && unmatched == 0 && undecodableOutputs == 0
                && brokenVerdictChains == 0 && brokenComplianceChains == 0;
        return clean ? 0 : 1;
    }

    private static <T> long brokenChains(java.util.Collection<ChainChecker<T>> chains, Map<String, Long> byKind) {
        long broken = 0;
        for (ChainChecker<T> chain : chains) {
            List<ChainFinding<T>> findings = chain.findings();
            if (!findings.isEmpty()) {
                broken++;
                findings.forEach(f -> byKind.merge(f.kind().name(), 1L, Long::sum));
                findings.stream().limit(3).forEach(f -> System.err.println("cluster-output-check: " + chain.sensorId() + ": " + f));
            }
        }
        return broken;
    }
}
