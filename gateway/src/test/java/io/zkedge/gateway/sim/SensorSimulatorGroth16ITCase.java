package io.zkedge.gateway.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkedge.gateway.groth16.Groth16ReadingProver;
import io.zkedge.gateway.groth16.Groth16Toolchain;
import io.zkedge.groth16.Groth16Modules;
import io.zkedge.groth16.Groth16Proof;
import io.zkedge.groth16.Groth16PublicInputs;
import io.zkedge.groth16.Groth16Statement;
import io.zkedge.groth16.Groth16Status;
import io.zkedge.groth16.Groth16Verifier;
import io.zkedge.groth16.Groth16VerifyingKey;
import io.zkedge.groth16.SensorRangeSignals;
import io.zkedge.groth16.SnarkjsFiles;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator with the Groth16 prover (snarkjs in a Node process): its records decode, carry the
 * circuit id, and verify under the circuit's key with the Groth16 Wasm verifier, except tampered
 * ones, which fail the pairing check (INVALID, not MALFORMED). Skipped without node; builds
 * run/circuits once when it is missing.
 */
class SensorSimulatorGroth16ITCase {

    private static Groth16Toolchain toolchain;
    private static Groth16ReadingProver prover;

    @BeforeAll
    static void startProver() throws Exception {
        assumeTrue(Groth16Toolchain.nodeAvailable(),
                "node is not on PATH (nor ZKEDGE_NODE set): the Groth16 simulator test is SKIPPED");
        toolchain = Groth16Toolchain.locateOrBuild(Duration.ofMinutes(15));
        prover = Groth16ReadingProver.create("gw-sim-g16", toolchain, new SecureRandom(), Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopProver() {
        if (prover != null) {
            prover.close();
        }
    }

    @Test
    void shouldProduceGroth16RecordsThatVerifyExceptTamperedOnesWhichAreInvalid() throws Exception {
        List<SimulatedRecord> emitted = Collections.synchronizedList(new ArrayList<>());
        SensorSimulator simulator = SensorSimulator.builder()
                .setSensors(2)
                .setGatewayId("gw-sim-g16")
                .setRate(0)
                .setReadingsPerSensor(5)
                .setFaults(new FaultFractions(0.3, 0.1, 0.1, 0.1, 0.1))
                .setValueModel(i -> ValueModel.soilMoisture(0.0))
                .setSeed(7)
                .setGroth16Prover(prover)
                .setSink(emitted::add)
                .build();
        assertThat(simulator.proofSystem()).isEqualTo(ProofSystem.GROTH16);

        SimulationStats stats = simulator.run(Duration.ofMinutes(3));

        assertThat(stats.emitted(RecordKind.TAMPERED)).as("seed 7 tampers some readings").isPositive();
        assertThat(stats.emitted(RecordKind.GOOD)).isPositive();
        Groth16VerifyingKey key = SnarkjsFiles.verifyingKey(Files.readString(toolchain.verificationKey()));
        Groth16Verifier verifier = Groth16Verifier.builder().setModule(Groth16Modules.verifier()).build();
        AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
        for (SimulatedRecord r : emitted) {
            if (r.kind() == RecordKind.GARBAGE) {
                continue;
            }
            ProofRecord record = codec.decode(r.value());
            assertThat(record.getProofSystem()).isEqualTo(ProofSystem.GROTH16);
            assertThat(record.getStatementId()).isEqualTo(toolchain.circuitId());
            assertThat(record.getGatewayId()).isEqualTo("gw-sim-g16");
            Groth16PublicInputs inputs = Groth16PublicInputs.fromBytes(concat(record.getPublicInputs()), SensorRangeSignals.N_PUBLIC);
            // The inputs that bind sensor, seq and time are the record's own, tampered or not.
            assertThat(SensorRangeSignals.contextMismatch(inputs, record.getSensorId(), record.getSeq(),
                    record.getEventTime().toEpochMilli())).as("%s", r).isEmpty();
            Groth16Status status = verifier.verify(key, List.of(new Groth16Statement(
                    Groth16Proof.fromBytes(bytes(record.getProof())), inputs))).get(0);
            assertThat(status).as("%s", r).isEqualTo(r.kind() == RecordKind.TAMPERED ? Groth16Status.INVALID : Groth16Status.VALID);
        }
        System.out.printf("SensorSimulatorGroth16ITCase: %d proofs, %.0f ms per proof%n", stats.proofs(), stats.meanProveMillis());
    }

    @Test
    void shouldRefuseAGroth16ProverOfAnotherGatewayOrBesideAProverModule() {
        assertThatThrownBy(() -> SensorSimulator.builder().setGatewayId("other").setGroth16Prover(prover)
                .setSink(r -> { }).build()).hasMessageContaining("gateway id 'gw-sim-g16'");
        assertThatThrownBy(() -> SensorSimulator.builder().setGatewayId("gw-sim-g16").setGroth16Prover(prover)
                .setProverModule(io.zkedge.bulletproofs.BundledModules.prover()).setSink(r -> { }).build())
                .hasMessageContaining("not both");
    }

    private static byte[] concat(List<ByteBuffer> parts) {
        ByteBuffer all = ByteBuffer.allocate(parts.stream().mapToInt(ByteBuffer::remaining).sum());
        parts.forEach(p -> all.put(p.duplicate()));
        return all.array();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }
}
