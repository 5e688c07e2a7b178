package io.zkedge.operators.verify;

import io.zkedge.operators.decode.ProofEnvelope;
import io.zkedge.operators.metrics.ZkedgeMetrics;
import io.zkedge.schemas.VerdictStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Verifies proofs in batches: buffers up to {@code maxBatchSize} records or {@code maxDelayMillis}
 * of processing time, whichever comes first, then verifies the whole buffer with one module call
 * per statement kind (through {@link BatchVerifier}).
 *
 * <p><b>No state.</b> The buffer is flushed in {@link #prepareSnapshotPreBarrier} (before the
 * checkpoint barrier goes downstream) and at the end of input, so a checkpoint never contains a
 * buffered record: after a failure, the source replays whatever the last checkpoint had not yet
 * seen verified.
 *
 * <p><b>Event time.</b> Records keep their timestamps, and the operator changes nothing about
 * event time but delay: a watermark that arrives while records are buffered is held and emitted
 * at the flush exactly where it arrived, after the records that came before it and before those
 * that came after it. So a record is late downstream if and only if it would have been without
 * batching, and the whole buffer is still verified in one call. Holding delays event-time
 * progress by at most {@code maxDelayMillis}.
 *
 * <p><b>Verifiers.</b> Each subtask loads its own in {@link #open()} from the
 * {@link VerifierProvider}: one Wasm instance per subtask thread, a fresh {@code SecureRandom}
 * seed per module call. Each must pass its known-answer self-test
 * ({@link StatementVerifier#selfTest()}) before the subtask takes a record; a module that fails
 * it stops the job with the reason.
 */
public class BatchVerifyOperator extends AbstractStreamOperator<VerifiedProof>
        implements OneInputStreamOperator<ProofEnvelope, VerifiedProof>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final VerifierProvider provider;
    private final int maxBatchSize;
    private final long maxDelayMillis;

    private transient BatchVerifier verifier;
    private transient List<ProofEnvelope> buffer;
    private transient long[] timestamps;
    private transient boolean[] hasTimestamp;
    private transient long firstBufferedAt;
    private transient ScheduledFuture<?> flushTimer;
    /** Watermarks that arrived while records were buffered, and the buffer size at their arrival. */
    private transient List<Watermark> heldWatermarks;
    private transient List<Integer> heldPositions;
    private transient StreamRecord<VerifiedProof> reuse;

    private transient Map<VerdictStatus, Counter> verifiedByStatus;
    private transient Histogram batchSizes;
    private transient Histogram latencies;
    private transient Histogram waits;

    /**
     * @param provider where each subtask's verifiers come from
     * @param maxBatchSize flush when this many records are buffered (1 to 256)
     * @param maxDelayMillis flush at the latest this long after the first record was buffered
     */
    public BatchVerifyOperator(VerifierProvider provider, int maxBatchSize, long maxDelayMillis) {
        this.provider = Objects.requireNonNull(provider, "provider");
        if (maxBatchSize < 1 || maxBatchSize > 256) {
            throw new IllegalArgumentException("maxBatchSize must be in [1, 256], was " + maxBatchSize);
        }
        if (maxDelayMillis < 0) {
            throw new IllegalArgumentException("maxDelayMillis must not be negative, was " + maxDelayMillis);
        }
        this.maxBatchSize = maxBatchSize;
        this.maxDelayMillis = maxDelayMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        LoadedVerifiers loaded = provider.load(maxBatchSize);
        long selfTestStart = System.nanoTime();
        for (StatementVerifier statementVerifier : loaded.verifiers().values()) {
            statementVerifier.selfTest();
        }
        long selfTestMillis = (System.nanoTime() - selfTestStart) / 1_000_000;
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        String nonce = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        verifier = new BatchVerifier(loaded.verifiers(), nonce + "-" + subtask,
                () -> getProcessingTimeService().getCurrentProcessingTime());
        LOG.info("Subtask {} verifies with {} (load {} ms, compile {} ms, self-test {} ms)", subtask,
                loaded.description(), loaded.loadTime().toMillis(), loaded.compileTime().toMillis(), selfTestMillis);

        buffer = new ArrayList<>(maxBatchSize);
        timestamps = new long[maxBatchSize];
        hasTimestamp = new boolean[maxBatchSize];
        reuse = new StreamRecord<>(null);
        heldWatermarks = new ArrayList<>();
        heldPositions = new ArrayList<>();

        MetricGroup group = ZkedgeMetrics.group(getMetricGroup());
        verifiedByStatus = new EnumMap<>(VerdictStatus.class);
        for (VerdictStatus status : VerdictStatus.values()) {
            verifiedByStatus.put(status, ZkedgeMetrics.keyedCounter(group, ZkedgeMetrics.STATUS, status.name(),
                    ZkedgeMetrics.PROOFS_VERIFIED));
        }
        batchSizes = ZkedgeMetrics.histogram(group, ZkedgeMetrics.BATCH_SIZE);
        latencies = ZkedgeMetrics.histogram(group, ZkedgeMetrics.VERIFICATION_LATENCY_MS);
        waits = ZkedgeMetrics.histogram(group, ZkedgeMetrics.BATCH_WAIT_MS);
        long loadMillis = loaded.loadTime().toMillis();
        long compileMillis = loaded.compileTime().toMillis();
        group.gauge(ZkedgeMetrics.MODULE_LOAD_TIME_MS, () -> loadMillis);
        group.gauge(ZkedgeMetrics.MODULE_COMPILE_TIME_MS, () -> compileMillis);
        BatchVerifier v = verifier;
        group.gauge(ZkedgeMetrics.VERIFIER_FAULTS, v::faultCount);
    }

    @Override
    public void processElement(StreamRecord<ProofEnvelope> element) throws Exception {
        int i = buffer.size();
        buffer.add(element.getValue());
        hasTimestamp[i] = element.hasTimestamp();
        timestamps[i] = element.getTimestamp();
        if (i == 0) {
            firstBufferedAt = getProcessingTimeService().getCurrentProcessingTime();
            flushTimer = getProcessingTimeService().registerTimer(firstBufferedAt + maxDelayMillis, time -> {
                flushTimer = null;
                flush();
            });
        }
        if (buffer.size() >= maxBatchSize) {
            flush();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (buffer.isEmpty()) {
            super.processWatermark(mark);
            return;
        }
        int last = heldPositions.size() - 1;
        if (last >= 0 && heldPositions.get(last) == buffer.size()) {
            heldWatermarks.set(last, mark); // no record in between: only the newer one matters
        } else {
            heldWatermarks.add(mark);
            heldPositions.add(buffer.size());
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus watermarkStatus) throws Exception {
        // Going idle (or active again) must not overtake buffered records either.
        flush();
        super.processWatermarkStatus(watermarkStatus);
    }

    /** Verifies and emits everything buffered before the barrier of checkpoint {@code checkpointId}. */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() throws Exception {
        flush();
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        cancelTimer();
        super.close();
    }

    /** Records waiting for their batch (for tests). */
    int bufferedCount() {
        return buffer == null ? 0 : buffer.size();
    }

    /** Whether a flush timer is pending (for tests). */
    boolean hasPendingTimer() {
        return flushTimer != null;
    }

    private void flush() throws Exception {
        cancelTimer();
        if (buffer.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        List<VerifiedProof> verified = verifier.verify(buffer);
        latencies.update((System.nanoTime() - start) / 1_000_000);
        batchSizes.update(buffer.size());
        waits.update(getProcessingTimeService().getCurrentProcessingTime() - firstBufferedAt);
        int nextMark = 0;
        for (int i = 0; i < verified.size(); i++) {
            while (nextMark < heldPositions.size() && heldPositions.get(nextMark) == i) {
                super.processWatermark(heldWatermarks.get(nextMark++));
            }
            VerifiedProof proof = verified.get(i);
            verifiedByStatus.get(proof.status).inc();
            if (hasTimestamp[i]) {
                reuse.replace(proof, timestamps[i]);
            } else {
                reuse.replace(proof);
                reuse.eraseTimestamp();
            }
            output.collect(reuse);
        }
        while (nextMark < heldPositions.size()) {
            super.processWatermark(heldWatermarks.get(nextMark++));
        }
        buffer.clear();
        heldWatermarks.clear();
        heldPositions.clear();
    }

    private void cancelTimer() {
        if (flushTimer != null) {
            flushTimer.cancel(false);
            flushTimer = null;
        }
    }
}
