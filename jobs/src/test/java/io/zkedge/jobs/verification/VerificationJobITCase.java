package io.zkedge.jobs.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.embedded.EmbeddedKafkaExtension;
import io.zkedge.evidence.ChainChecker;
import io.zkedge.jobs.testutils.EvidenceAssertions;
import io.zkedge.jobs.testutils.TrustFixture;
import io.zkedge.jobs.testutils.VerificationPipeline;
import io.zkedge.operators.testutils.ProofFixtures;
import io.zkedge.schemas.ComplianceOutcome;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.DeadLetterReason;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a MiniCluster against a real in-JVM broker, with the production ends: every
 * record of the proofs topic comes out exactly once, as a signed and chained verdict or as a dead
 * letter, read with read_committed.
 */
class VerificationJobITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final List<String> SENSORS = List.of("s-0", "s-1", "s-2");
    private static final int READINGS = 20;

    @TempDir
    static Path dir;

    @BeforeAll
    static void proveReadings() {
        ProofFixtures.warm(SENSORS, 0, READINGS);
    }

    @Test
    void shouldTurnEveryInputRecordIntoExactlyOneVerdictOrDeadLetter() throws Exception {
        VerificationPipeline pipeline = new VerificationPipeline(KAFKA.broker(), TrustFixture.create(dir), "e2e");
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        for (int seq = 0; seq < READINGS; seq++) {
            for (int s = 0; s < SENSORS.size(); s++) {
                input.add(pipeline.proof(s % 2, ProofFixtures.valid(SENSORS.get(s), seq)));
            }
        }
        ProofRecord tampered = ProofFixtures.tampered(ProofFixtures.withSeq(ProofFixtures.valid("s-1", 0), 0));
        tampered.setSeq(READINGS); // a real proof, changed: INVALID
        tampered.setEventTime(ProofFixtures.T0.plusSeconds(READINGS));
        input.add(pipeline.proof(1, tampered));
        input.add(pipeline.raw(0, "s-0", "garbage".getBytes(StandardCharsets.UTF_8)));
        input.add(pipeline.raw(1, "s-0", ProofFixtures.encode(ProofFixtures.valid("s-2", 5))));
        input.add(pipeline.raw(0, "s-0", new byte[70_000]));
        pipeline.produce(input);

        pipeline.run(pipeline.config(Map.of()));

        List<Verdict> verdicts = pipeline.verdicts();
        List<DeadLetter> deadLetters = pipeline.deadLetters();
        EvidenceAssertions.assertExactlyOnce(pipeline.topics().readCommitted(pipeline.proofsTopic()), verdicts, deadLetters);

        assertThat(verdicts).hasSize(SENSORS.size() * READINGS + 1);
        assertThat(verdicts).filteredOn(v -> v.getStatus() == VerdictStatus.VALID).hasSize(SENSORS.size() * READINGS);
        assertThat(verdicts).filteredOn(v -> v.getStatus() == VerdictStatus.INVALID)
                .extracting(Verdict::getSensorId, Verdict::getSeq).containsExactly(org.assertj.core.groups.Tuple.tuple("s-1", (long) READINGS));
        assertThat(verdicts).extracting(Verdict::getModuleSha256).containsOnly(ByteBuffer.wrap(BundledModules.verifier().sha256()));
        assertThat(deadLetters).extracting(DeadLetter::getReason).containsExactlyInAnyOrder(
                DeadLetterReason.UNDECODABLE, DeadLetterReason.INCONSISTENT, DeadLetterReason.OVERSIZED);
        EvidenceAssertions.assertUnbrokenChains(verdicts, ChainChecker::verdicts, Verdict::getSensorId);

        List<ComplianceRecord> compliance = pipeline.complianceRecords();
        EvidenceAssertions.assertUnbrokenChains(compliance, ChainChecker::complianceRecords, ComplianceRecord::getSensorId);
        Map<String, List<ComplianceOutcome>> outcomes = compliance.stream().collect(Collectors.groupingBy(
                ComplianceRecord::getSensorId, Collectors.mapping(ComplianceRecord::getOutcome, Collectors.toList())));
        assertThat(outcomes).containsOnlyKeys(SENSORS);
        assertThat(outcomes.get("s-0")).containsExactly(ComplianceOutcome.COMPLIANT, ComplianceOutcome.COMPLIANT);
        // The third window of s-1 holds only the tampered proof: too little data to judge.
        assertThat(outcomes.get("s-1")).containsExactly(
                ComplianceOutcome.COMPLIANT, ComplianceOutcome.COMPLIANT, ComplianceOutcome.INSUFFICIENT_DATA);
        assertThat(compliance).filteredOn(c -> c.getOutcome() == ComplianceOutcome.COMPLIANT)
                .allSatisfy(c -> assertThat(c.getValid()).isEqualTo(10));
    }

    @Test
    void shouldHoldTheWatermarkBackForAPartitionThatIsBehindInsteadOfCallingItLate() throws Exception {
        // One subtask reads both partitions. The gateway of partition 1 is an hour ahead of that of
        // partition 0 (say partition 0's gateway is sending a backlog). With watermarks per
        // partition, none of partition 0's proofs is late; with one watermark per subtask, every
        // proof of partition 0 read after partition 1's first poll would be.
        VerificationPipeline pipeline = new VerificationPipeline(KAFKA.broker(), TrustFixture.create(dir), "watermarks");
        for (int batch = 0; batch < READINGS; batch += 5) { // one producer batch of 5 per partition
            List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
            for (int seq = batch; seq < batch + 5; seq++) {
                long behind = ProofFixtures.T0.toEpochMilli() + seq * ProofFixtures.ONE_SECOND;
                input.add(pipeline.proof(0, ProofFixtures.valid("s-behind", seq, behind, 100 + seq)));
                input.add(pipeline.proof(1, ProofFixtures.valid("s-ahead", seq, behind + 3_600_000, 100 + seq)));
            }
            pipeline.produce(input);
        }

        pipeline.runOneSubtask(pipeline.config(Map.of(VerificationJobConfig.ALLOWED_LATENESS.key(), "0 ms")), 20);

        assertThat(pipeline.deadLetters()).isEmpty();
        assertThat(pipeline.verdicts()).hasSize(2 * READINGS).allSatisfy(v -> assertThat(v.getStatus()).isEqualTo(VerdictStatus.VALID));
        assertThat(pipeline.complianceRecords())
                .extracting(ComplianceRecord::getSensorId, ComplianceRecord::getOutcome, ComplianceRecord::getValid)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("s-behind", ComplianceOutcome.COMPLIANT, 10L),
                        org.assertj.core.groups.Tuple.tuple("s-behind", ComplianceOutcome.COMPLIANT, 10L),
                        org.assertj.core.groups.Tuple.tuple("s-ahead", ComplianceOutcome.COMPLIANT, 10L),
                        org.assertj.core.groups.Tuple.tuple("s-ahead", ComplianceOutcome.COMPLIANT, 10L));
    }
}
