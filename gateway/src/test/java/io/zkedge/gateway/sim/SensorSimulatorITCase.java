package io.zkedge.gateway.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.bulletproofs.VerificationStatus;
import io.zkedge.gateway.testutils.Proofs;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator with the real prover module: its records decode and verify as their kinds say. */
class SensorSimulatorITCase {

    @Test
    void shouldProduceRecordsThatVerifyExceptTamperedOnes() throws Exception {
        assumeTrue(BundledModules.available(), "the Wasm modules are not bundled (build verifiers/)");
        List<SimulatedRecord> emitted = Collections.synchronizedList(new ArrayList<>());
        SimulationStats stats = SensorSimulator.builder()
                .setSensors(3)
                .setRate(0)
                .setReadingsPerSensor(10)
                .setFaults(new FaultFractions(0.2, 0.1, 0.1, 0.1, 0.1))
                .setSeed(11)
                .setSink(emitted::add)
                .build()
                .run(Duration.ofMinutes(2));
        assertThat(stats.emitted(RecordKind.TAMPERED)).isPositive();
        assertThat(stats.emitted(RecordKind.GOOD)).isPositive();

        AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
        List<SimulatedRecord> proofs = emitted.stream().filter(r -> r.kind() != RecordKind.GARBAGE).toList();
        List<ProofRecord> decoded = new ArrayList<>();
        for (SimulatedRecord r : proofs) {
            ProofRecord record = codec.decode(r.value());
            assertThat(record).isEqualTo(r.proofRecord());
            decoded.add(record);
        }
        List<VerificationStatus> statuses = Proofs.verify(decoded);

        for (int i = 0; i < proofs.size(); i++) {
            SimulatedRecord r = proofs.get(i);
            if (r.kind() == RecordKind.TAMPERED) {
                assertThat(statuses.get(i)).as("%s", r).isIn(VerificationStatus.INVALID, VerificationStatus.MALFORMED);
            } else {
                assertThat(statuses.get(i)).as("%s", r).isEqualTo(VerificationStatus.VALID);
            }
        }
        System.out.printf("SensorSimulatorITCase: %d proofs, %.1f ms per proof%n", stats.proofs(), stats.meanProveMillis());
    }
}
