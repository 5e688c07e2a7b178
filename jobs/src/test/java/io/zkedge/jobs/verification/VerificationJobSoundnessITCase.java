package io.zkedge.jobs.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.zkedge.embedded.EmbeddedKafkaExtension;
import io.zkedge.evidence.ChainChecker;
import io.zkedge.jobs.testutils.EvidenceAssertions;
import io.zkedge.jobs.testutils.ThrottledDeserializer;
import io.zkedge.jobs.testutils.TrustFixture;
import io.zkedge.jobs.testutils.VerificationPipeline;
import io.zkedge.operators.testutils.ProofFixtures;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.DeadLetterReason;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an attacker or a broken gateway can send, through the whole job: each is classified, and
 * none of it changes what a sensor's genuine proofs get.
 */
class VerificationJobSoundnessITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    /** Event time of the scenario's first readings, on a 10 s window boundary. */
    private static final long BASE = ProofFixtures.T0.toEpochMilli() + 100_000;
    private static final long SECOND = 1_000;

    @TempDir
    static Path dir;

    @Test
    void shouldClassifyReplaysForgeriesAndGarbageWithoutBlockingGenuineProofs() throws Exception {
        VerificationPipeline pipeline = new VerificationPipeline(KAFKA.broker(), TrustFixture.create(dir), "soundness");
        List<ProducerRecord<byte[], byte[]>> p0 = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> p1 = new ArrayList<>();

        // Sensor a: 10 genuine readings, then a replay of reading 3 and a tampered reading 10.
        for (long seq = 0; seq < 10; seq++) {
            p0.add(pipeline.proof(0, reading("a", seq, BASE + seq * SECOND)));
        }
        p0.add(pipeline.proof(0, reading("a", 3, BASE + 3 * SECOND)));
        p0.add(pipeline.proof(0, ProofFixtures.tampered(reading("a", 10, BASE + 10 * SECOND))));
        // Garbage bytes under a's key.
        p0.add(pipeline.raw(0, "a", "\u00c3\u0001 not a proof record".getBytes(StandardCharsets.UTF_8)));
        // Sensor b reuses a's proof of reading 4 as its own.
        p1.add(pipeline.proof(1, ProofFixtures.forSensor(reading("a", 4, BASE + 4 * SECOND), "b")));
        // Sensor c: a flood of invalid proofs with future sequence numbers, then its genuine readings.
        ProofRecord c0 = reading("c", 0, BASE);
        for (int i = 0; i < 10; i++) {
            p1.add(pipeline.proof(1, ProofFixtures.withSeq(c0, 1_000 + i)));
            p1.add(pipeline.proof(1, ProofFixtures.record("c", 2_000 + i, BASE, new byte[32], new byte[672])));
        }
        for (long seq = 0; seq < 5; seq++) {
            p1.add(pipeline.proof(1, reading("c", seq, BASE + seq * SECOND)));
        }
        // Sensor d: a genuine reading, then a genuine but older one, beyond the 30 s skew bound.
        p0.add(pipeline.proof(0, reading("d", 0, BASE + 8 * SECOND)));
        p0.add(pipeline.proof(0, reading("d", 1, BASE - 25 * SECOND)));
        // Event time moves on (records no verifier is registered for: cheap), then a verdict comes
        // too late for its compliance window [BASE + 30 s, BASE + 40 s).
        for (int i = 0; i < 60; i++) {
            p0.add(pipeline.proof(0, unknownStatement("w", i, BASE + 60 * SECOND)));
        }
        for (int i = 0; i < 10; i++) {
            p1.add(pipeline.proof(1, unknownStatement("w2", i, BASE + 60 * SECOND)));
        }
        p0.add(pipeline.proof(0, unknownStatement("late", 0, BASE + 31 * SECOND)));
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>(p0);
        input.addAll(p1);
        pipeline.produce(input);

        VerificationJobConfig config = pipeline.config(Map.of(VerificationJobConfig.MAX_SKEW.key(), "30 s"));
        pipeline.run(config, new ThrottledDeserializer(10), VerificationPipeline.trustedVerifiers(config));

        List<Verdict> verdicts = pipeline.verdicts();
        List<DeadLetter> deadLetters = pipeline.deadLetters();
        EvidenceAssertions.assertExactlyOnce(pipeline.topics().readCommitted(pipeline.proofsTopic()), verdicts, deadLetters);
        EvidenceAssertions.assertUnbrokenChains(verdicts, ChainChecker::verdicts, Verdict::getSensorId);

        assertThat(statusesOf(verdicts, "a")).containsExactly(
                tuple(0L, VerdictStatus.VALID), tuple(1L, VerdictStatus.VALID), tuple(2L, VerdictStatus.VALID),
                tuple(3L, VerdictStatus.VALID), tuple(4L, VerdictStatus.VALID), tuple(5L, VerdictStatus.VALID),
                tuple(6L, VerdictStatus.VALID), tuple(7L, VerdictStatus.VALID), tuple(8L, VerdictStatus.VALID),
                tuple(9L, VerdictStatus.VALID), tuple(3L, VerdictStatus.REPLAY), tuple(10L, VerdictStatus.INVALID));
        assertThat(statusesOf(verdicts, "b")).containsExactly(tuple(4L, VerdictStatus.INVALID));
        List<Verdict> c = verdicts.stream().filter(v -> v.getSensorId().equals("c")).toList();
        assertThat(c.subList(0, 20)).extracting(Verdict::getStatus).doesNotContain(VerdictStatus.VALID);
        assertThat(c.subList(20, 25)).as("genuine readings after the flood")
                .extracting(Verdict::getSeq, Verdict::getStatus).containsExactly(
                        tuple(0L, VerdictStatus.VALID), tuple(1L, VerdictStatus.VALID), tuple(2L, VerdictStatus.VALID),
                        tuple(3L, VerdictStatus.VALID), tuple(4L, VerdictStatus.VALID));
        assertThat(statusesOf(verdicts, "d")).containsExactly(tuple(0L, VerdictStatus.VALID), tuple(1L, VerdictStatus.STALE));
        assertThat(statusesOf(verdicts, "late")).containsExactly(tuple(0L, VerdictStatus.UNKNOWN_STATEMENT));

        assertThat(deadLetters).filteredOn(d -> d.getReason() == DeadLetterReason.UNDECODABLE).hasSize(1)
                .allSatisfy(d -> assertThat(d.getDetail()).contains("BAD_MAGIC"));
        Verdict late = statusesSource(verdicts, "late");
        assertThat(deadLetters).filteredOn(d -> d.getReason() == DeadLetterReason.LATE)
                .extracting(DeadLetter::getSourcePartition, DeadLetter::getSourceOffset)
                .contains(tuple(late.getSourcePartition(), late.getSourceOffset()));
        assertThat(pipeline.complianceRecords()).filteredOn(r -> r.getSensorId().equals("late")).isEmpty();
    }

    private static ProofRecord reading(String sensor, long seq, long eventTime) {
        return ProofFixtures.valid(sensor, seq, eventTime, 400 + seq);
    }

    private static ProofRecord unknownStatement(String sensor, long seq, long eventTime) {
        ProofRecord r = ProofFixtures.record(sensor, seq, eventTime, new byte[32], new byte[8]);
        r.setStatementId("zkedge.test.no-verifier");
        return r;
    }

    private static List<org.assertj.core.groups.Tuple> statusesOf(List<Verdict> verdicts, String sensor) {
        return verdicts.stream().filter(v -> v.getSensorId().equals(sensor))
                .map(v -> tuple(v.getSeq(), v.getStatus())).toList();
    }

    private static Verdict statusesSource(List<Verdict> verdicts, String sensor) {
        return verdicts.stream().filter(v -> v.getSensorId().equals(sensor)).findFirst().orElseThrow();
    }
}
