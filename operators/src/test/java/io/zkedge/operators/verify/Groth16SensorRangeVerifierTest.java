package io.zkedge.operators.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.groth16.Groth16Modules;
import io.zkedge.groth16.Groth16VerifyingKey;
import io.zkedge.groth16.SnarkjsFiles;
import io.zkedge.operators.testutils.Groth16Fixtures;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.RangeParameters;
import io.zkedge.schemas.VerdictStatus;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Groth16 module on the snarkjs proofs of testdata/groth16-sensor turned into proof
 * records: what each case, and each record that claims a proof for another context, becomes.
 */
class Groth16SensorRangeVerifierTest {

    private static Groth16ModuleInstance module;
    private static Groth16SensorRangeVerifier verifier;

    @BeforeAll
    static void loadModule() throws Exception {
        module = new Groth16ModuleInstance(Groth16Modules.verifier(), 64);
        verifier = new Groth16SensorRangeVerifier(module, Groth16VerifyingKey.fromBytes(Groth16Fixtures.keyBytes()));
    }

    @Test
    void shouldPackageTheRepositorysSensorCircuitKeyConverted() throws Exception {
        Groth16VerifyingKey fromCircuits = SnarkjsFiles.verifyingKey(
                Files.readString(Path.of("..", "circuits", "build", "verification_key.json")));

        assertThat(Groth16ModuleInstance.sensorRangeKey()).isEqualTo(fromCircuits);
        assertThat(fromCircuits.circuitId()).isEqualTo(Groth16Fixtures.circuitId());
    }

    @Test
    void shouldPassItsKnownAnswerSelfTestOnTheShippedModule() throws Exception {
        verifier.selfTest();

        assertThat(verifier.faultCount()).isZero();
        assertThat(verifier.statement().statementId()).isEqualTo(Groth16Fixtures.circuitId());
    }

    @Test
    void shouldFindEveryValidCaseValid() throws Exception {
        List<ProofRecord> records = List.of("valid-mid-range", "valid-at-min", "valid-at-max", "valid-extremes", "valid-zeroes")
                .stream().map(Groth16Fixtures::valid).toList();

        assertThat(verifier.verify(records)).extracting(VerificationOutcome::status).containsOnly(VerdictStatus.VALID);
        assertThat(verifier.moduleSha256()).isEqualTo(Groth16Modules.verifier().sha256());
    }

    @Test
    void shouldFindTamperedProofsAndInputsInvalid() throws Exception {
        ProofRecord mid = Groth16Fixtures.valid("valid-mid-range");
        List<ProofRecord> records = new ArrayList<>();
        for (String c : List.of("invalid-commitment-changed", "invalid-range-widened", "invalid-a-c-swapped", "invalid-a-negated")) {
            records.add(claimedLike(c, mid));
        }
        // The record claims what the tampered inputs say: only the pairing check can catch it.
        records.add(Groth16Fixtures.record("invalid-seq-changed", "sensor-0001", 2, 1764230400000L));
        records.add(Groth16Fixtures.record("invalid-time-changed", "sensor-0001", 1, 1764230400001L));
        records.add(Groth16Fixtures.record("invalid-sensor-changed", "sensor-0002", 1, 1764230400000L));
        records.add(claimedLike("invalid-public-of-other-proof", Groth16Fixtures.valid("valid-at-min")));

        List<VerificationOutcome> outcomes = verifier.verify(records);

        assertThat(outcomes).extracting(VerificationOutcome::status).containsOnly(VerdictStatus.INVALID);
        assertThat(outcomes.get(0).reason()).contains("pairing check fails");
    }

    @Test
    void shouldCallEveryMalformedEncodingMalformedWithItsReason() throws Exception {
        ProofRecord mid = Groth16Fixtures.valid("valid-mid-range");
        List<ProofRecord> records = new ArrayList<>();
        for (String c : List.of("malformed-a-not-on-curve", "malformed-b-c0-c1-swapped", "malformed-b-outside-subgroup",
                "malformed-a-x-plus-p", "malformed-b-coordinate-plus-p", "malformed-public-plus-r")) {
            records.add(claimedLike(c, mid));
        }
        records.add(ProofRecord.newBuilder(mid).setProof(ByteBuffer.wrap(new byte[255])).build());
        records.add(ProofRecord.newBuilder(mid).setPublicInputs(mid.getPublicInputs().subList(0, 5)).build());
        List<ByteBuffer> shortInput = new ArrayList<>(mid.getPublicInputs());
        shortInput.set(4, ByteBuffer.wrap(new byte[31]));
        records.add(ProofRecord.newBuilder(mid).setPublicInputs(shortInput).build());
        records.add(ProofRecord.newBuilder(mid).setCommitment(ByteBuffer.wrap(new byte[32])).build());
        records.add(mid);

        List<VerificationOutcome> outcomes = verifier.verify(records);

        assertThat(outcomes.subList(0, records.size() - 1)).extracting(VerificationOutcome::status)
                .containsOnly(VerdictStatus.MALFORMED);
        assertThat(outcomes.get(records.size() - 1).status()).as("a valid proof in the same batch").isEqualTo(VerdictStatus.VALID);
        assertThat(outcomes).extracting(VerificationOutcome::reason).containsSubsequence(
                "A or C is not on the curve, or B not on the twist",
                "A or C is not on the curve, or B not on the twist",
                "B is not in the order-r subgroup of the twist");
        assertThat(outcomes.get(6).reason()).contains("255 bytes");
        assertThat(outcomes.get(7).reason()).isEqualTo("5 public inputs, the circuit has 6");
        assertThat(outcomes.get(8).reason()).isEqualTo("public input 4 has 31 bytes, not 32");
        assertThat(outcomes.get(9).reason()).contains("commitment field must be empty");
    }

    @Test
    void shouldRefuseAValidProofClaimedForAnotherSensorSeqTimeOrRangeWithoutCallingTheModule() throws Exception {
        ProofRecord mid = Groth16Fixtures.valid("valid-mid-range");
        long faultsBefore = verifier.faultCount();

        List<VerificationOutcome> outcomes = verifier.verify(List.of(
                ProofRecord.newBuilder(mid).setSensorId("sensor-0002").build(),
                ProofRecord.newBuilder(mid).setSeq(2).build(),
                ProofRecord.newBuilder(mid).setEventTime(Instant.ofEpochMilli(1764230400001L)).build(),
                ProofRecord.newBuilder(mid).setRange(new RangeParameters(-40L, 100L, 64)).build(),
                ProofRecord.newBuilder(mid).setRange(new RangeParameters(-40L, 85L, 64)).build()));

        assertThat(outcomes).extracting(VerificationOutcome::status).containsExactly(
                VerdictStatus.CONTEXT_MISMATCH, VerdictStatus.CONTEXT_MISMATCH, VerdictStatus.CONTEXT_MISMATCH,
                VerdictStatus.CONTEXT_MISMATCH, VerdictStatus.VALID);
        assertThat(outcomes.get(0).reason()).contains("sensorId");
        assertThat(outcomes.get(1).reason()).contains("seq");
        assertThat(outcomes.get(2).reason()).contains("eventTimeMillis");
        assertThat(outcomes.get(3).reason()).contains("range [-40, 100] is not the proven one");
        assertThat(verifier.faultCount()).isEqualTo(faultsBefore);
    }

    @Test
    void shouldAnswerInABatchWhatItAnswersSingly() throws Exception {
        ProofRecord mid = Groth16Fixtures.valid("valid-mid-range");
        List<ProofRecord> records = List.of(
                Groth16Fixtures.valid("valid-at-max"),
                claimedLike("invalid-a-negated", mid),
                ProofRecord.newBuilder(mid).setSeq(9).build(),
                claimedLike("malformed-b-outside-subgroup", mid),
                Groth16Fixtures.valid("valid-at-min"));

        List<VerificationOutcome> batch = verifier.verify(records);

        List<VerificationOutcome> singles = new ArrayList<>();
        for (ProofRecord r : records) {
            singles.add(verifier.verify(List.of(r)).get(0));
        }
        assertThat(batch).isEqualTo(singles);
        assertThat(batch).extracting(VerificationOutcome::status).containsExactly(VerdictStatus.VALID, VerdictStatus.INVALID,
                VerdictStatus.CONTEXT_MISMATCH, VerdictStatus.MALFORMED, VerdictStatus.VALID);
    }

    @Test
    void shouldRefuseAKeyThatIsNotASensorRangeKey() throws Exception {
        Groth16VerifyingKey mulsum = SnarkjsFiles.verifyingKey(
                Files.readString(Path.of("..", "testdata", "groth16", "mulsum-verification_key.json")));

        assertThatThrownBy(() -> new Groth16SensorRangeVerifier(module, mulsum))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a sensor range circuit key has 6");
    }

    /** The proof and inputs of {@code caseName}, claimed with the sensor, seq and time of {@code like}. */
    private static ProofRecord claimedLike(String caseName, ProofRecord like) {
        return Groth16Fixtures.record(caseName, like.getSensorId(), like.getSeq(), like.getEventTime().toEpochMilli());
    }
}
