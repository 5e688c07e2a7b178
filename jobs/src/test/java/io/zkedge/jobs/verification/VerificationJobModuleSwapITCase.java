package io.zkedge.jobs.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.embedded.EmbeddedKafkaExtension;
import io.zkedge.evidence.ChainChecker;
import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Sha256;
import io.zkedge.jobs.testutils.EvidenceAssertions;
import io.zkedge.jobs.testutils.TrustFixture;
import io.zkedge.jobs.testutils.VerificationPipeline;
import io.zkedge.operators.testutils.ModuleReleases;
import io.zkedge.operators.testutils.ProofFixtures;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over-the-air module replacement on a MiniCluster against a real in-JVM broker: announcements
 * published to the control topic while proofs stream through. Refused ones change nothing; the
 * accepted one takes over between batches, with no verdict lost or doubled.
 */
class VerificationJobModuleSwapITCase {

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
    void shouldSwapTheVerifierModuleMidStreamWithoutLosingOrDoublingAVerdict() throws Exception {
        TrustFixture trust = TrustFixture.create(dir);
        VerificationPipeline pipeline = new VerificationPipeline(KAFKA.broker(), trust, "swap");
        List<ProducerRecord<byte[], byte[]>> before = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> after = new ArrayList<>();
        for (int seq = 0; seq < READINGS; seq++) {
            for (int s = 0; s < SENSORS.size(); s++) {
                (seq < READINGS / 2 ? before : after).add(pipeline.proof(s % 2, ProofFixtures.valid(SENSORS.get(s), seq)));
            }
        }
        Map<Integer, Long> proofsEnd = Map.of(
                0, (long) (before.stream().filter(r -> r.partition() == 0).count() + after.stream().filter(r -> r.partition() == 0).count()),
                1, (long) (before.stream().filter(r -> r.partition() == 1).count() + after.stream().filter(r -> r.partition() == 1).count()));
        byte[] next = ModuleReleases.nextModule("2");
        ModuleAnnouncement badSignature = ModuleReleases.announce(trust.releaseKey(), next);
        byte[] signature = badSignature.getSignature().array().clone();
        signature[0] ^= 1;
        badSignature.setSignature(ByteBuffer.wrap(signature));
        ModuleAnnouncement otherArtifact = ModuleReleases.announce(trust.releaseKey(), next);
        otherArtifact.setArtifact(ByteBuffer.wrap(ModuleReleases.nextModule("3")));

        // The first half goes through the bundle's module; then the announcements; then, once the
        // accepted one has had time to arrive (its activation blocks the subtask, so every proof read
        // after it waits for it), the second half.
        pipeline.produce(before);
        JobClient job = pipeline.start(pipeline.config(Map.of()), proofsEnd, 4, 20);
        awaitVerdicts(pipeline, before.size());
        pipeline.produce(List.of(
                announcement(pipeline, badSignature),
                announcement(pipeline, ModuleReleases.announce(Ed25519Keys.generate(new SecureRandom()), next)),
                announcement(pipeline, otherArtifact),
                announcement(pipeline, ModuleReleases.announce(trust.releaseKey(), next))));
        Thread.sleep(3_000);
        pipeline.produce(after);
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

        List<Verdict> verdicts = pipeline.verdicts();
        EvidenceAssertions.assertExactlyOnce(pipeline.topics().readCommitted(pipeline.proofsTopic()), verdicts,
                pipeline.deadLetters());
        EvidenceAssertions.assertUnbrokenChains(verdicts, ChainChecker::verdicts, Verdict::getSensorId);
        assertThat(verdicts).hasSize(SENSORS.size() * READINGS)
                .allSatisfy(v -> assertThat(v.getStatus()).isEqualTo(VerdictStatus.VALID));

        ByteBuffer current = ByteBuffer.wrap(Sha256.of(ModuleReleases.currentModule()));
        ByteBuffer announced = ByteBuffer.wrap(Sha256.of(next));
        assertThat(verdicts).extracting(Verdict::getModuleSha256).contains(current, announced).containsOnly(current, announced);
        // In each partition's order: the old module up to the swap, the announced one after it, never back.
        Map<Integer, List<Verdict>> byPartition = verdicts.stream().collect(Collectors.groupingBy(Verdict::getSourcePartition));
        for (List<Verdict> partition : byPartition.values()) {
            partition.sort(Comparator.comparingLong(Verdict::getSourceOffset));
            int firstAnnounced = partition.stream().map(Verdict::getModuleSha256).toList().indexOf(announced);
            assertThat(firstAnnounced).as("the swap reached every subtask between the halves").isPositive();
            assertThat(partition.subList(firstAnnounced, partition.size())).extracting(Verdict::getModuleSha256).containsOnly(announced);
        }
    }

    private static ProducerRecord<byte[], byte[]> announcement(VerificationPipeline pipeline, ModuleAnnouncement a) {
        return new ProducerRecord<>(pipeline.modulesTopic(), 0, null, ModuleReleases.encode(a));
    }

    private static void awaitVerdicts(VerificationPipeline pipeline, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (pipeline.verdicts().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " verdicts after 120 s");
            }
            Thread.sleep(100);
        }
    }
}
