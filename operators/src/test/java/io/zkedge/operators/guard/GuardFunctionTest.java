package io.zkedge.operators.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.evidence.ChainChecker;
import io.zkedge.evidence.ChainHasher;
import io.zkedge.evidence.EvidenceSigner;
import io.zkedge.evidence.SignatureStatus;
import io.zkedge.operators.testutils.FakeProofs;
import io.zkedge.operators.testutils.TestSigner;
import io.zkedge.operators.verify.VerifiedProof;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guard's state, timers and signed chain, on the keyed operator test harness. */
class GuardFunctionTest {

    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final String SENSOR = "s-1";

    private KeyedOneInputStreamOperatorTestHarness<String, VerifiedProof, Verdict> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new GuardFunction(new GuardSettings(128, SKEW), TestSigner.provider()),
                p -> p.record.getSensorId(), Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void shouldChainEveryVerdictWhateverItsStatusForTheSealToSign() throws Exception {
        process(valid(1), invalid(2), valid(3), valid(1));

        List<Verdict> verdicts = harness.extractOutputValues();
        assertThat(verdicts).extracting(Verdict::getStatus).containsExactly(
                VerdictStatus.VALID, VerdictStatus.INVALID, VerdictStatus.VALID, VerdictStatus.REPLAY);
        assertThat(verdicts).extracting(Verdict::getChainIndex).containsExactly(0L, 1L, 2L, 3L);
        assertThat(ChainHasher.isGenesis(verdicts.get(0).getPrevHash())).isTrue();
        ChainChecker<Verdict> checker = ChainChecker.verdicts().build();
        for (Verdict v : verdicts) {
            assertThat(checker.check(v)).as("findings for %s", v.getChainIndex()).isEmpty();
            assertThat(v.getSignerKeyId()).isEqualTo(new EvidenceSigner(TestSigner.key()).keyId());
            assertThat(v.getSignature().remaining()).as("signed later, in a batch").isZero();
            assertThat(TestSigner.verifier().verify(v)).isEqualTo(SignatureStatus.BAD_SIGNATURE);
        }
    }

    @Test
    void shouldCarryTheVerificationContextIntoTheVerdict() throws Exception {
        VerifiedProof proof = valid(1);

        process(proof);

        Verdict v = harness.extractOutputValues().get(0);
        assertThat(v.getSensorId()).isEqualTo(SENSOR);
        assertThat(v.getSeq()).isEqualTo(1);
        assertThat(v.getBatchId()).isEqualTo(proof.batchId);
        assertThat(v.getVerifiedAt()).isEqualTo(Instant.ofEpochMilli(proof.verifiedAt));
        assertThat(v.getSourcePartition()).isEqualTo(proof.sourcePartition);
        assertThat(v.getSourceOffset()).isEqualTo(proof.sourceOffset);
        assertThat(v.getModuleSha256()).isEqualTo(ByteBuffer.wrap(proof.moduleSha256));
        assertThat(v.getProofDigest()).isEqualTo(ByteBuffer.wrap(VerdictFactory.proofDigest(proof.record)));
        assertThat(harness.extractOutputStreamRecords().get(0).getTimestamp())
                .as("the verdict keeps the proof's event time").isEqualTo(proof.record.getEventTime().toEpochMilli());
    }

    @Test
    void shouldNotLetAFloodOfInvalidProofsWithFutureSequenceNumbersBlockLaterValidOnes() throws Exception {
        process(valid(1));
        for (long seq = 1_000_000; seq < 1_000_300; seq++) {
            process(invalid(seq));
        }

        process(valid(2), valid(3));

        List<Verdict> verdicts = harness.extractOutputValues();
        assertThat(verdicts.subList(verdicts.size() - 2, verdicts.size()))
                .extracting(Verdict::getStatus).containsOnly(VerdictStatus.VALID);
        assertThat(verdicts).filteredOn(v -> v.getStatus() == VerdictStatus.VALID).hasSize(3);
    }

    @Test
    void shouldHoldOneTimerPerSensorAtTheWindowsExpiry() throws Exception {
        process(valid(1));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        process(valid(2), valid(3), invalid(4));

        assertThat(harness.numEventTimeTimers()).as("moved, not added").isEqualTo(1);
    }

    @Test
    void shouldClearTheReplayWindowAndItsTimerOnceTheWatermarkPassesTheExpiry() throws Exception {
        VerifiedProof first = valid(1);
        process(first);
        long expiry = first.record.getEventTime().toEpochMilli() + SKEW.toMillis() + 1;

        harness.processWatermark(expiry - 1);
        assertThat(keysWith(GuardFunction.WINDOW_STATE)).containsExactly(SENSOR);

        harness.processWatermark(expiry);

        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(keysWith(GuardFunction.WINDOW_STATE)).isEmpty();
        assertThat(keysWith(GuardFunction.FLOOR_STATE)).containsExactly(SENSOR);
        assertThat(keysWith(GuardFunction.CHAIN_STATE)).as("the evidence chain stays").containsExactly(SENSOR);
    }

    @Test
    void shouldStillRefuseAReplayAfterTheWindowExpired() throws Exception {
        VerifiedProof first = valid(1);
        process(first);
        harness.processWatermark(first.record.getEventTime().toEpochMilli() + SKEW.toMillis() + 1);

        process(valid(1));

        Verdict replayed = harness.extractOutputValues().get(1);
        assertThat(replayed.getStatus()).isEqualTo(VerdictStatus.STALE);
        assertThat(replayed.getChainIndex()).isEqualTo(1);
    }

    @Test
    void shouldStartAFreshWindowForANewProofAfterExpiry() throws Exception {
        VerifiedProof first = valid(1);
        process(first);
        long expiry = first.record.getEventTime().toEpochMilli() + SKEW.toMillis() + 1;
        harness.processWatermark(expiry);

        process(validAt(2, expiry + 1_000));

        assertThat(harness.extractOutputValues().get(1).getStatus()).isEqualTo(VerdictStatus.VALID);
        assertThat(keysWith(GuardFunction.WINDOW_STATE)).containsExactly(SENSOR);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void shouldKeepChainsOfDifferentSensorsApart() throws Exception {
        process(valid(1), validOf("s-2", 1), valid(2));

        assertThat(harness.extractOutputValues()).extracting(v -> v.getSensorId() + ":" + v.getChainIndex())
                .containsExactly("s-1:0", "s-2:0", "s-1:1");
    }

    private List<String> keysWith(String state) {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
        return operator.<String>getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE).collect(Collectors.toList());
    }

    private void process(VerifiedProof... proofs) throws Exception {
        for (VerifiedProof p : proofs) {
            harness.processElement(p, p.record.getEventTime().toEpochMilli());
        }
    }

    private static VerifiedProof valid(long seq) {
        return validOf(SENSOR, seq);
    }

    private static VerifiedProof validOf(String sensor, long seq) {
        return ReplayGuardTest.verified(FakeProofs.valid(sensor, seq), VerdictStatus.VALID, null);
    }

    private static VerifiedProof validAt(long seq, long eventTime) {
        ProofRecord record = FakeProofs.valid(SENSOR, seq);
        record.setEventTime(Instant.ofEpochMilli(eventTime));
        return ReplayGuardTest.verified(record, VerdictStatus.VALID, null);
    }

    private static VerifiedProof invalid(long seq) {
        return ReplayGuardTest.verified(FakeProofs.invalid(SENSOR, seq), VerdictStatus.INVALID, "fake");
    }
}
