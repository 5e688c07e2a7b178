package io.zkedge.operators.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.evidence.ChainChecker;
import io.zkedge.evidence.ChainPosition;
import io.zkedge.evidence.EvidenceKind;
import io.zkedge.evidence.EvidenceSigner;
import io.zkedge.evidence.SignatureStatus;
import io.zkedge.operators.guard.GuardDecision;
import io.zkedge.operators.guard.VerdictFactory;
import io.zkedge.operators.testutils.FakeProofs;
import io.zkedge.operators.testutils.TestSigner;
import io.zkedge.operators.verify.VerifiedProof;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvidenceSealOperatorTest {
    private static final int MAX_RECORDS = 5;
    private static final long DELAY = 2;

    private OneInputStreamOperatorTestHarness<Verdict, Verdict> harness;
    private final EvidenceSigner chainer = new EvidenceSigner(TestSigner.key());
    private ChainPosition chain = ChainPosition.genesis();
    private long seq;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(
                new EvidenceSealOperator<>(EvidenceKind.VERDICTS, TestSigner.provider(), MAX_RECORDS, DELAY));
        harness.setProcessingTime(1_000);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldSignAFullBatchAtOnceWithOneSignature() throws Exception {
        for (int i = 0; i < MAX_RECORDS; i++) {
            process();
        }

        List<Verdict> out = harness.extractOutputValues();
        assertThat(out).hasSize(MAX_RECORDS);
        for (int i = 0; i < MAX_RECORDS; i++) {
            assertThat(out.get(i).getSeq()).isEqualTo(i);
            assertThat(out.get(i).getMerkleTreeSize()).isEqualTo(MAX_RECORDS);
            assertThat(out.get(i).getMerkleLeafIndex()).isEqualTo(i);
            assertThat(out.get(i).getSignature()).isEqualTo(out.get(0).getSignature());
        }
        assertChainVerifies(out);
    }

    @Test
    void shouldSignWhatWaitedForTheDelay() throws Exception {
        process();
        process();
        harness.setProcessingTime(1_000 + DELAY - 1);
        assertThat(harness.getOutput()).isEmpty();

        harness.setProcessingTime(1_000 + DELAY);

        List<Verdict> out = harness.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).getMerkleTreeSize()).isEqualTo(2);
        assertChainVerifies(out);
    }

    @Test
    void shouldSignEverythingBeforeTheBarrierAndKeepNoState() throws Exception {
        process();
        process();
        process();

        harness.prepareSnapshotPreBarrier(1);

        assertThat(harness.extractOutputValues()).hasSize(3);
        assertChainVerifies(harness.extractOutputValues());
        assertThat(((EvidenceSealOperator<?>) harness.getOperator()).bufferedCount()).isZero();
        OperatorSubtaskState snapshot = harness.snapshot(1, 1_100);
        assertThat(snapshot.getManagedOperatorState()).isEmpty();
        assertThat(snapshot.getRawOperatorState()).isEmpty();
        assertThat(harness.getProcessingTimeService().getNumActiveTimers()).isZero();
        try (OneInputStreamOperatorTestHarness<Verdict, Verdict> restored = new OneInputStreamOperatorTestHarness<>(
                new EvidenceSealOperator<>(EvidenceKind.VERDICTS, TestSigner.provider(), MAX_RECORDS, DELAY))) {
            restored.initializeState(snapshot);
            restored.open();
            restored.endInput();
            assertThat(restored.getOutput()).isEmpty();
        }
    }

    @Test
    void shouldSignRecordsAloneWithoutATimerWhenABatchHoldsOne() throws Exception {
        try (OneInputStreamOperatorTestHarness<Verdict, Verdict> single = new OneInputStreamOperatorTestHarness<>(
                new EvidenceSealOperator<>(EvidenceKind.VERDICTS, TestSigner.provider(), 1, DELAY))) {
            single.open();
            process(single);
            process(single);

            assertThat(single.getProcessingTimeService().getNumActiveTimers()).isZero();
            assertThat(single.extractOutputValues()).extracting(Verdict::getMerkleTreeSize).containsExactly(1, 1);
            assertChainVerifies(single.extractOutputValues());
        }
    }

    @Test
    void shouldDoNothingOnAnEmptyFlush() throws Exception {
        harness.prepareSnapshotPreBarrier(1);
        harness.setProcessingTime(5_000);
        harness.endInput();

        assertThat(harness.getOutput()).isEmpty();
    }

    @Test
    void shouldLetNoWatermarkOvertakeAWaitingRecord() throws Exception {
        process();
        harness.processWatermark(new Watermark(50));
        process();
        harness.endInput();

        List<Object> out = new ArrayList<>(harness.getOutput());
        assertThat(out).hasSize(3);
        assertThat(((StreamRecord<?>) out.get(0)).getTimestamp()).isEqualTo(eventTime(0));
        assertThat(out.get(1)).isEqualTo(new Watermark(50));
        assertThat(((StreamRecord<?>) out.get(2)).getTimestamp()).isEqualTo(eventTime(1));
        assertChainVerifies(harness.extractOutputValues());
    }

    @Test
    void shouldRefuseBatchesOutsideTheMerkleTreeLimits() {
        assertThatThrownBy(() -> new EvidenceSealOperator<>(EvidenceKind.VERDICTS, TestSigner.provider(), 0, DELAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvidenceSealOperator<>(EvidenceKind.VERDICTS, TestSigner.provider(), 65_537, DELAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvidenceSealOperator<>(EvidenceKind.VERDICTS, TestSigner.provider(), 8, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The next chained, unsigned verdict of one sensor, with its event time as timestamp. */
    private void process() throws Exception {
        process(harness);
    }

    private void process(OneInputStreamOperatorTestHarness<Verdict, Verdict> into) throws Exception {
        long n = seq++;
        VerifiedProof proof = new VerifiedProof(FakeProofs.valid("s-1", n), VerdictStatus.VALID, null, new byte[32], "b", 0, 0, n);
        Verdict v = VerdictFactory.unsigned(proof, new GuardDecision(VerdictStatus.VALID, null));
        chain = chainer.chain(v, chain);
        into.processElement(v, eventTime(n));
    }

    private static long eventTime(long n) {
        return 10 + n;
    }

    private static void assertChainVerifies(List<Verdict> verdicts) {
        ChainChecker<Verdict> checker = ChainChecker.verdicts().verifySignaturesWith(TestSigner.verifier()).build();
        for (Verdict v : verdicts) {
            assertThat(TestSigner.verifier().verify(v)).isEqualTo(SignatureStatus.OK);
            assertThat(checker.check(v)).isEmpty();
        }
    }
}
