package io.zkedge.jobs.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.embedded.EmbeddedKafkaExtension;
import io.zkedge.evidence.ChainChecker;
import io.zkedge.groth16.Groth16Modules;
import io.zkedge.jobs.testutils.EvidenceAssertions;
import io.zkedge.jobs.testutils.TrustFixture;
import io.zkedge.jobs.testutils.VerificationPipeline;
import io.zkedge.operators.testutils.Groth16Fixtures;
import io.zkedge.operators.testutils.ProofFixtures;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulletproofs and Groth16 records in one stream, on a MiniCluster against a real in-JVM broker
 * with a signed trust bundle holding both verifier modules and the sensor circuit's key: each
 * record gets exactly one signed, chained verdict, with the status and module hash of the proof
 * system that decided it; a circuit id without a key is UNKNOWN_STATEMENT.
 */
class VerificationJobGroth16ITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    /** The event time of testdata/groth16-sensor/valid-mid-range; the Bulletproofs readings are next to it. */
    private static final long T = 1764230400000L;
    private static final List<String> BP_SENSORS = List.of("bp-0", "bp-1");
    private static final int BP_READINGS = 4;
    private static final String UNKNOWN_CIRCUIT = "ab".repeat(32);

    @TempDir
    static Path dir;

    @BeforeAll
    static void proveReadings() {
        for (String sensor : BP_SENSORS) {
            for (int seq = 0; seq < BP_READINGS; seq++) {
                bulletproofs(sensor, seq);
            }
        }
    }

    @Test
    void shouldVerifyBulletproofsAndGroth16RecordsEachWithItsOwnModule() throws Exception {
        VerificationPipeline pipeline = new VerificationPipeline(KAFKA.broker(), TrustFixture.createWithGroth16(dir), "groth16");
        Map<String, VerdictStatus> expected = new HashMap<>(); // sensor#seq -> status
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        for (String sensor : BP_SENSORS) {
            for (int seq = 0; seq < BP_READINGS; seq++) {
                input.add(pipeline.proof(seq % 2, bulletproofs(sensor, seq)));
                expected.put(sensor + "#" + seq, VerdictStatus.VALID);
            }
        }
        ProofRecord mid = Groth16Fixtures.valid("valid-mid-range"); // sensor-0001 #1
        List<ProofRecord> groth16 = List.of(
                mid,
                Groth16Fixtures.valid("valid-at-min"), // sensor-0001 #2
                Groth16Fixtures.valid("valid-at-max"), // sensor-0002 #7
                Groth16Fixtures.record("invalid-commitment-changed", "sensor-0003", 1, T), // context of sensor-0001
                Groth16Fixtures.record("invalid-range-widened", "sensor-0001", 1, T),
                Groth16Fixtures.record("malformed-b-outside-subgroup", "sensor-0001", 1, T),
                ProofRecord.newBuilder(mid).setSensorId("sensor-0004").build(),
                ProofRecord.newBuilder(Groth16Fixtures.valid("valid-at-min")).setSensorId("sensor-0005").setStatementId(UNKNOWN_CIRCUIT).build());
        for (int i = 0; i < groth16.size(); i++) {
            input.add(pipeline.proof(i % 2, groth16.get(i)));
        }
        pipeline.produce(input);

        pipeline.run(pipeline.config(Map.of()));

        List<Verdict> verdicts = pipeline.verdicts();
        EvidenceAssertions.assertExactlyOnce(pipeline.topics().readCommitted(pipeline.proofsTopic()), verdicts, pipeline.deadLetters());
        assertThat(pipeline.deadLetters()).isEmpty();
        assertThat(verdicts).hasSize(BP_SENSORS.size() * BP_READINGS + groth16.size());
        EvidenceAssertions.assertUnbrokenChains(verdicts, ChainChecker::verdicts, Verdict::getSensorId);

        ByteBuffer bulletproofsModule = ByteBuffer.wrap(BundledModules.verifier().sha256());
        ByteBuffer groth16Module = ByteBuffer.wrap(Groth16Modules.verifier().sha256());
        assertThat(verdicts).filteredOn(v -> v.getProofSystem() == ProofSystem.BULLETPROOFS).hasSize(8)
                .allSatisfy(v -> {
                    assertThat(v.getStatus()).isEqualTo(VerdictStatus.VALID);
                    assertThat(v.getModuleSha256()).isEqualTo(bulletproofsModule);
                });
        List<Verdict> groth16Verdicts = verdicts.stream().filter(v -> v.getProofSystem() == ProofSystem.GROTH16).toList();
        assertThat(groth16Verdicts)
                .extracting(Verdict::getSensorId, Verdict::getSeq, Verdict::getStatus)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("sensor-0001", 1L, VerdictStatus.VALID),
                        org.assertj.core.groups.Tuple.tuple("sensor-0001", 2L, VerdictStatus.VALID),
                        org.assertj.core.groups.Tuple.tuple("sensor-0002", 7L, VerdictStatus.VALID),
                        org.assertj.core.groups.Tuple.tuple("sensor-0003", 1L, VerdictStatus.CONTEXT_MISMATCH),
                        org.assertj.core.groups.Tuple.tuple("sensor-0001", 1L, VerdictStatus.INVALID),
                        org.assertj.core.groups.Tuple.tuple("sensor-0001", 1L, VerdictStatus.MALFORMED),
                        org.assertj.core.groups.Tuple.tuple("sensor-0004", 1L, VerdictStatus.CONTEXT_MISMATCH),
                        org.assertj.core.groups.Tuple.tuple("sensor-0005", 2L, VerdictStatus.UNKNOWN_STATEMENT));
        assertThat(groth16Verdicts).allSatisfy(v -> assertThat(v.getModuleSha256()).isEqualTo(
                v.getStatus() == VerdictStatus.UNKNOWN_STATEMENT ? ByteBuffer.allocate(0) : groth16Module));
        assertThat(groth16Verdicts).filteredOn(v -> v.getStatus() != VerdictStatus.UNKNOWN_STATEMENT)
                .extracting(Verdict::getStatementId).containsOnly(Groth16Fixtures.circuitId());
    }

    /** A Bulletproofs reading of {@code sensor} next to the Groth16 testdata's event times. */
    private static ProofRecord bulletproofs(String sensor, int seq) {
        return ProofFixtures.valid(sensor, seq, T + seq * ProofFixtures.ONE_SECOND, 500 + seq);
    }
}
