package io.zkedge.jobs.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.embedded.EmbeddedKafkaExtension;
import io.zkedge.evidence.ChainChecker;
import io.zkedge.jobs.testutils.EvidenceAssertions;
import io.zkedge.jobs.testutils.FailingOnceVerifierProvider;
import io.zkedge.jobs.testutils.ThrottledDeserializer;
import io.zkedge.jobs.testutils.TrustFixture;
import io.zkedge.jobs.testutils.VerificationPipeline;
import io.zkedge.operators.testutils.ProofFixtures;
import io.zkedge.schemas.ComplianceOutcome;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure in the middle of the stream: the verify operator crashes once, the job restores from
 * its last checkpoint, and the committed output is still exactly once, every chain is unbroken,
 * and the compliance records are those of the same input run without a failure.
 */
class VerificationJobRecoveryITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final List<String> SENSORS = List.of("s-0", "s-1", "s-2", "s-3");
    private static final int READINGS = 30;
    /** The verify operator fails once after this many verified records, about half the input. */
    private static final int FAIL_AFTER = 60;

    @TempDir
    static Path dir;

    @BeforeAll
    static void proveReadings() {
        ProofFixtures.warm(SENSORS, 0, READINGS);
    }

    @Test
    void shouldRecoverWithExactlyOnceOutputUnbrokenChainsTheSameComplianceAndPooledTransactionalIds(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        TrustFixture trust = TrustFixture.create(dir);

        VerificationPipeline clean = new VerificationPipeline(KAFKA.broker(), trust, "clean");
        clean.produce(input(clean));
        clean.run(clean.config(Map.of()), new ThrottledDeserializer(5),
                VerificationPipeline.trustedVerifiers(clean.config(Map.of())));

        VerificationPipeline failing = new VerificationPipeline(KAFKA.broker(), trust, "failing");
        failing.produce(input(failing));
        FailingOnceVerifierProvider.reset();
        Thread arming = armOnFirstCompletedCheckpoint(cluster);
        JobExecutionResult result = failing.run(failing.config(Map.of()), new ThrottledDeserializer(50),
                new FailingOnceVerifierProvider(VerificationPipeline.trustedVerifiers(failing.config(Map.of())), FAIL_AFTER));

        arming.interrupt();
        assertThat(FailingOnceVerifierProvider.failed()).as("the failure was injected").isTrue();
        // Flink restores from the latest completed checkpoint: one completed before the failure means
        // the job went on from there, not from the start. (The restore statistics are not kept for
        // a region failover, which is what this failure is.)
        CheckpointStatsSnapshot stats = cluster.getArchivedExecutionGraph(result.getJobID()).get().getCheckpointStatsSnapshot();
        assertThat(stats.getHistory().getCheckpoints())
                .as("a checkpoint completed before the failure, so the job restored from it, not from the start")
                .anyMatch(c -> c.getStatus() == CheckpointStatsStatus.COMPLETED
                        && c.getTriggerTimestamp() < FailingOnceVerifierProvider.failedAt());

        // Pooled transactional ids: each sink writer (sink and subtask) reuses a few, across the
        // restore too. Naming one per checkpoint would leave the broker at least one per completed
        // checkpoint and writer, each kept for 7 days.
        long completed = stats.getCounts().getNumberOfCompletedCheckpoints();
        Map<String, Long> idsPerWriter = failing.topics().transactionalIds("failing-").stream()
                .collect(Collectors.groupingBy(id -> id.substring(0, id.lastIndexOf('-')), Collectors.counting()));
        assertThat(completed).as("enough checkpoints to tell pooled ids from one per checkpoint").isGreaterThan(3);
        assertThat(idsPerWriter).as("transactional ids per sink writer, after %d checkpoints", completed)
                .hasSize(6).allSatisfy((writer, ids) -> assertThat(ids).as(writer).isLessThan(completed));

        List<Verdict> verdicts = failing.verdicts();
        EvidenceAssertions.assertExactlyOnce(failing.topics().readCommitted(failing.proofsTopic()), verdicts, failing.deadLetters());
        EvidenceAssertions.assertUnbrokenChains(verdicts, ChainChecker::verdicts, Verdict::getSensorId);
        List<ComplianceRecord> compliance = failing.complianceRecords();
        EvidenceAssertions.assertUnbrokenChains(compliance, ChainChecker::complianceRecords, ComplianceRecord::getSensorId);

        assertThat(summaries(verdicts)).as("the same verdicts as without the failure")
                .containsExactlyInAnyOrderElementsOf(summaries(clean.verdicts()));
        assertThat(complianceSummaries(compliance)).as("the same compliance records as without the failure")
                .containsExactlyInAnyOrderElementsOf(complianceSummaries(clean.complianceRecords()));
        assertThat(verdicts).filteredOn(v -> v.getStatus() == VerdictStatus.REPLAY).hasSize(1);
        assertThat(verdicts).filteredOn(v -> v.getStatus() == VerdictStatus.INVALID).hasSize(1);
        assertThat(compliance).extracting(ComplianceRecord::getOutcome)
                .contains(ComplianceOutcome.COMPLIANT, ComplianceOutcome.NON_COMPLIANT, ComplianceOutcome.INSUFFICIENT_DATA);
    }

    /**
     * Arms the injected failure once the running job has completed a checkpoint, so that the
     * failure always lands after one, however slow the machine.
     */
    private static Thread armOnFirstCompletedCheckpoint(MiniCluster cluster) {
        Thread arming = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (var job : cluster.listJobs().get()) {
                        if (job.getJobState() == org.apache.flink.api.common.JobStatus.RUNNING
                                && cluster.getExecutionGraph(job.getJobId()).get().getCheckpointStatsSnapshot()
                                        .getCounts().getNumberOfCompletedCheckpoints() > 0) {
                            FailingOnceVerifierProvider.arm();
                            return;
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "arm-failure");
        arming.setDaemon(true);
        arming.start();
        return arming;
    }

    /**
     * 4 sensors × 30 readings a second apart, sensors 0 and 2 on partition 0, 1 and 3 on partition 1;
     * s-1 resends reading 5 after reading 6 (a replay), s-2's reading 25 is tampered, s-3 misses
     * readings 12 to 17.
     */
    private static List<ProducerRecord<byte[], byte[]>> input(VerificationPipeline pipeline) {
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        for (int seq = 0; seq < READINGS; seq++) {
            for (int s = 0; s < SENSORS.size(); s++) {
                String sensor = SENSORS.get(s);
                if (sensor.equals("s-3") && seq >= 12 && seq <= 17) {
                    continue;
                }
                var record = ProofFixtures.valid(sensor, seq);
                if (sensor.equals("s-2") && seq == 25) {
                    record = ProofFixtures.tampered(record);
                }
                input.add(pipeline.proof(s % 2, record));
                if (sensor.equals("s-1") && seq == 6) {
                    input.add(pipeline.proof(s % 2, ProofFixtures.valid(sensor, 5)));
                }
            }
        }
        return input;
    }

    /** What must not depend on a failure: where a verdict came from, what it says, where it is in its chain. */
    private static List<String> summaries(List<Verdict> verdicts) {
        return verdicts.stream().map(v -> v.getSourcePartition() + "@" + v.getSourceOffset() + " " + v.getSensorId()
                + "#" + v.getSeq() + " " + v.getStatus() + " chain " + v.getChainIndex()).toList();
    }

    private static List<String> complianceSummaries(List<ComplianceRecord> records) {
        return records.stream().map(c -> c.getSensorId() + " " + c.getWindowStart() + " valid=" + c.getValid()
                + " invalid=" + c.getInvalid() + " replayed=" + c.getReplayed() + " malformed=" + c.getMalformed()
                + " stale=" + c.getStale() + " missing=" + c.getMissing() + " " + c.getOutcome()
                + " chain " + c.getChainIndex()).toList();
    }
}
