package io.zkedge.operators.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.operators.decode.KafkaPayload;
import io.zkedge.operators.decode.ProofEnvelope;
import io.zkedge.operators.testutils.FakeProofs;
import io.zkedge.operators.testutils.FakeVerifierProvider;
import io.zkedge.schemas.VerdictStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Batching edge cases of {@link BatchVerifyOperator}, with a fake module and the test processing-time
 * clock. The module calls run on the operator's verify thread; their results come back as mails,
 * which the tests run.
 */
class BatchVerifyOperatorTest {

    private static final int BATCH_SIZE = 3;
    private static final long DELAY = 20;

    private TwoInputStreamOperatorTestHarness<ProofEnvelope, KafkaPayload, VerifiedProof> harness;
    private BatchVerifyOperator operator;

    @BeforeEach
    void setUp() throws Exception {
        FakeVerifierProvider.reset();
        operator = new BatchVerifyOperator(new FakeVerifierProvider(), BATCH_SIZE, DELAY);
        harness = new TwoInputStreamOperatorTestHarness<>(operator);
        harness.setProcessingTime(1_000);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        Semaphore permits = FakeVerifierProvider.permits;
        if (permits != null) {
            permits.release(1_000); // no module call of a failed test stays blocked
        }
        harness.close();
        FakeVerifierProvider.reset();
    }

    @Test
    void shouldEmitNothingAndCallNoModuleOnAnEmptyFlush() throws Exception {
        harness.prepareSnapshotPreBarrier(1);
        harness.endInput1();
        harness.processWatermark1(new Watermark(5));

        assertThat(harness.getOutput()).containsExactly(new Watermark(5));
        assertThat(FakeVerifierProvider.CALLS).isEmpty();
        assertThat(harness.getProcessingTimeService().getNumActiveTimers()).isZero();
    }

    @Test
    void shouldFlushAFullBatchAtOnce() throws Exception {
        process(1, 2, 3);
        awaitVerified();

        assertThat(verified()).extracting(p -> p.record.getSeq()).containsExactly(1L, 2L, 3L);
        assertThat(verified()).extracting(p -> p.batchId).hasSize(3).containsOnly(verified().get(0).batchId);
        assertThat(FakeVerifierProvider.CALLS).containsExactly(3);
        assertThat(harness.getProcessingTimeService().getNumActiveTimers()).as("the delay timer is cancelled").isZero();
    }

    @Test
    void shouldFlushAPartialBatchWhenTheDelayTimerFires() throws Exception {
        process(1, 2);

        harness.setProcessingTime(1_000 + DELAY - 1);
        assertThat(verified()).isEmpty();
        assertThat(operator.bufferedCount()).isEqualTo(2);

        harness.setProcessingTime(1_000 + DELAY);
        awaitVerified();
        assertThat(verified()).extracting(p -> p.record.getSeq()).containsExactly(1L, 2L);
        assertThat(operator.bufferedCount()).isZero();
        assertThat(operator.hasPendingTimer()).isFalse();
        assertThat(FakeVerifierProvider.CALLS).containsExactly(2);
    }

    @Test
    void shouldStartANewDelayAfterEachFlush() throws Exception {
        process(1, 2, 3, 4);                 // 1-3 flushed by size, 4 waits
        awaitVerified();
        harness.setProcessingTime(1_010);
        process(5);

        harness.setProcessingTime(1_000 + DELAY);
        awaitVerified();
        assertThat(FakeVerifierProvider.CALLS).containsExactly(3, 2);
        assertThat(harness.getProcessingTimeService().getNumActiveTimers()).isZero();
    }

    @Test
    void shouldFlushBeforeTheCheckpointBarrierAndSnapshotNoBufferedRecord() throws Exception {
        process(1, 2);

        harness.prepareSnapshotPreBarrier(7);
        assertThat(verified()).extracting(p -> p.record.getSeq()).containsExactly(1L, 2L);
        OperatorSubtaskState snapshot = harness.snapshot(7, 2_000);

        // Managed operator state holds only the (here empty) module announcements.
        assertThat(snapshot.getRawOperatorState()).isEmpty();
        assertThat(harness.getProcessingTimeService().getNumActiveTimers()).isZero();

        // A restored instance has nothing to re-emit: the buffer was not part of the checkpoint.
        try (TwoInputStreamOperatorTestHarness<ProofEnvelope, KafkaPayload, VerifiedProof> restored =
                new TwoInputStreamOperatorTestHarness<>(new BatchVerifyOperator(new FakeVerifierProvider(), BATCH_SIZE, DELAY))) {
            restored.initializeState(snapshot);
            restored.open();
            restored.endInput1();
            assertThat(restored.getOutput()).isEmpty();
        }
    }

    @Test
    void shouldFlushAtTheEndOfInput() throws Exception {
        process(1);

        harness.endInput1();

        assertThat(verified()).extracting(p -> p.record.getSeq()).containsExactly(1L);
    }

    @Test
    void shouldHoldBackAWatermarkUntilTheRecordsBeforeItAreEmitted() throws Exception {
        harness.processElement1(FakeProofs.envelope(FakeProofs.valid("a", 1)), 100);
        harness.processWatermark1(new Watermark(150));
        harness.processWatermark1(new Watermark(200));
        assertThat(harness.getOutput()).isEmpty();

        harness.setProcessingTime(1_000 + DELAY);
        awaitVerified();

        List<Object> output = new ArrayList<>(harness.getOutput());
        assertThat(output).hasSize(2);
        assertThat(output.get(0)).isInstanceOf(StreamRecord.class);
        assertThat(((StreamRecord<?>) output.get(0)).getTimestamp()).as("timestamp kept").isEqualTo(100);
        assertThat(output.get(1)).as("only the newer of two watermarks with no record between").isEqualTo(new Watermark(200));
    }

    @Test
    void shouldEmitHeldWatermarksExactlyBetweenTheRecordsTheyArrivedBetween() throws Exception {
        harness.processElement1(FakeProofs.envelope(FakeProofs.valid("a", 1)), 100);
        harness.processWatermark1(new Watermark(150));
        harness.processElement1(FakeProofs.envelope(FakeProofs.valid("a", 2)), 120);
        harness.processWatermark1(new Watermark(160));

        harness.setProcessingTime(1_000 + DELAY);
        awaitVerified();

        List<Object> output = new ArrayList<>(harness.getOutput());
        assertThat(output).hasSize(4);
        assertThat(((StreamRecord<?>) output.get(0)).getTimestamp()).isEqualTo(100);
        assertThat(output.get(1)).isEqualTo(new Watermark(150));
        assertThat(((StreamRecord<?>) output.get(2)).getTimestamp()).as("late behind 150, as without batching").isEqualTo(120);
        assertThat(output.get(3)).isEqualTo(new Watermark(160));
        assertThat(FakeVerifierProvider.CALLS).as("still one batch").containsExactly(2);
    }

    @Test
    void shouldKeepEachRecordsVerdictAndCoordinates() throws Exception {
        harness.processElement1(FakeProofs.envelope(FakeProofs.valid("a", 1)), 1);
        harness.processElement1(FakeProofs.envelope(FakeProofs.invalid("a", 2)), 2);
        harness.endInput1();

        assertThat(verified()).extracting(p -> p.status).containsExactly(VerdictStatus.VALID, VerdictStatus.INVALID);
        assertThat(verified()).extracting(p -> p.sourceOffset).containsExactly(1L, 2L);
    }

    @Test
    void shouldTakeRecordsWhileABatchIsBeingVerified() throws Exception {
        FakeVerifierProvider.permits = new Semaphore(0);
        process(1, 2, 3);
        process(4);

        assertThat(operator.isVerifying()).isTrue();
        assertThat(operator.bufferedCount()).isEqualTo(1);
        assertThat(verified()).isEmpty();

        FakeVerifierProvider.permits.release();
        awaitVerified();
        assertThat(verified()).extracting(p -> p.record.getSeq()).containsExactly(1L, 2L, 3L);
        assertThat(operator.bufferedCount()).as("4 waits for its own delay").isEqualTo(1);
        assertThat(operator.hasPendingTimer()).isTrue();
    }

    @Test
    void shouldSendABatchWhoseDelayRanOutAsSoonAsTheVerifierIsFree() throws Exception {
        FakeVerifierProvider.permits = new Semaphore(0);
        process(1, 2, 3, 4);
        harness.setProcessingTime(1_000 + DELAY);
        assertThat(operator.bufferedCount()).as("the verifier is busy with 1-3").isEqualTo(1);

        FakeVerifierProvider.permits.release(2);
        awaitVerified();

        assertThat(FakeVerifierProvider.CALLS).as("4 went without another delay").containsExactly(3, 1);
        assertThat(verified()).extracting(p -> p.record.getSeq()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    @Timeout(30)
    void shouldHoldTheInputWhenBothBatchesAreFullUntilTheVerifierIsFree() throws Exception {
        FakeVerifierProvider.permits = new Semaphore(0);
        process(1, 2, 3);
        Thread verifierFreed = new Thread(() -> {
            sleepQuietly(100);
            FakeVerifierProvider.permits.release(); // 1-3 only: 4-6 stay in flight
        });
        verifierFreed.start();

        long start = System.nanoTime();
        process(4, 5, 6);                    // fills the second batch: waits for 1-3
        assertThat(System.nanoTime() - start).as("the input waited").isGreaterThanOrEqualTo(50_000_000L);
        verifierFreed.join();

        assertThat(verified()).as("emitted by the waiting task thread").extracting(p -> p.record.getSeq())
                .containsExactly(1L, 2L, 3L);
        assertThat(operator.isVerifying()).as("4-6 went at once").isTrue();
        // The verify thread's mail for 1-3 comes after the task took them itself: it must leave
        // 4-6, still in flight, alone (waiting for them here would never end: no permit left).
        harness.getTaskMailbox().take(TaskMailbox.MIN_PRIORITY).run();
        assertThat(verified()).hasSize(3);
        assertThat(operator.isVerifying()).isTrue();

        FakeVerifierProvider.permits.release();
        awaitVerified();
        assertThat(verified()).extracting(p -> p.record.getSeq()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(FakeVerifierProvider.CALLS).containsExactly(3, 3);
    }

    @Test
    void shouldHoldAWatermarkBehindTheBatchBeingVerified() throws Exception {
        FakeVerifierProvider.permits = new Semaphore(0);
        process(1, 2, 3);
        harness.processWatermark1(new Watermark(10));
        assertThat(harness.getOutput()).isEmpty();

        FakeVerifierProvider.permits.release();
        awaitVerified();

        List<Object> output = new ArrayList<>(harness.getOutput());
        assertThat(output).hasSize(4);
        assertThat(output.subList(0, 3)).allMatch(StreamRecord.class::isInstance);
        assertThat(output.get(3)).isEqualTo(new Watermark(10));
    }

    @Test
    void shouldVerifyTheBatchInFlightAndTheBufferBeforeTheBarrierAndEmitEachOnce() throws Exception {
        FakeVerifierProvider.permits = new Semaphore(0);
        process(1, 2, 3, 4);
        FakeVerifierProvider.permits.release(2);

        harness.prepareSnapshotPreBarrier(3);

        assertThat(verified()).extracting(p -> p.record.getSeq()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(operator.isVerifying()).isFalse();
        assertThat(operator.bufferedCount()).isZero();
        // One mail per batch from the verify thread, both for batches the barrier already emitted.
        harness.getTaskMailbox().take(TaskMailbox.MIN_PRIORITY).run();
        harness.getTaskMailbox().take(TaskMailbox.MIN_PRIORITY).run();
        assertThat(verified()).hasSize(4);
    }

    @Test
    void shouldVerifyTheBatchInFlightAndTheBufferAtTheEndOfInput() throws Exception {
        FakeVerifierProvider.permits = new Semaphore(0);
        process(1, 2, 3, 4);
        FakeVerifierProvider.permits.release(2);

        harness.endInput1();

        assertThat(verified()).extracting(p -> p.record.getSeq()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(FakeVerifierProvider.CALLS).containsExactly(3, 1);
    }

    @Test
    void shouldFailTheTaskWithTheModulesErrorWhenAModuleCallFails() throws Exception {
        FakeVerifierProvider.failure = new IllegalStateException("module trapped");
        process(1, 2, 3);

        assertThatThrownBy(this::awaitVerified).isInstanceOf(IllegalStateException.class).hasMessage("module trapped");
    }

    /** Runs the task's mails until no batch is being verified: each verified batch comes back as a mail. */
    private void awaitVerified() throws Exception {
        while (operator.isVerifying()) {
            harness.getTaskMailbox().take(TaskMailbox.MIN_PRIORITY).run();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void process(long... seqs) throws Exception {
        for (long seq : seqs) {
            harness.processElement1(FakeProofs.envelope(FakeProofs.valid("a", seq)), seq);
        }
    }

    private List<VerifiedProof> verified() {
        return harness.extractOutputValues();
    }
}
