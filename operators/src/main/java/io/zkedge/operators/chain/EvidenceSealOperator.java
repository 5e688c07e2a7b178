package io.zkedge.operators.chain;

import io.zkedge.evidence.EvidenceKind;
import io.zkedge.evidence.EvidenceSigner;
import io.zkedge.evidence.MerkleTree;
import io.zkedge.operators.metrics.ZkedgeMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Signs chained records in batches: buffers up to {@code maxRecords} records or
 * {@code maxDelayMillis} of processing time, then seals them with one Ed25519 signature over
 * their Merkle root ({@link EvidenceSigner#seal}) and emits them in order, each with its own
 * timestamp. Placed right after the operator that chains the records, with the same parallelism,
 * so it is chained to it and no record is serialized while waiting.
 *
 * <p><b>No state.</b> The buffer is sealed before every checkpoint barrier, at the end of input,
 * and before any watermark or idleness change passes (a record must never fall behind a
 * watermark that it did not pass before).
 *
 * @param <T> the record type
 */
public class EvidenceSealOperator<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final EvidenceKind<T> kind;
    private final SignerProvider signerProvider;
    private final int maxRecords;
    private final long maxDelayMillis;

    private transient EvidenceSigner signer;
    private transient List<T> buffer;
    private transient long[] timestamps;
    private transient boolean[] hasTimestamp;
    private transient StreamRecord<T> reuse;
    private transient ScheduledFuture<?> sealTimer;
    private transient Histogram sealSizes;
    private transient Histogram signingMicros;

    /**
     * @param kind the records' kind
     * @param signerProvider the edge node's key; the same as the chaining operator's
     * @param maxRecords most records per signature (1 to {@link MerkleTree#MAX_LEAVES})
     * @param maxDelayMillis longest a record waits for its signature (at least 1 ms)
     */
    public EvidenceSealOperator(EvidenceKind<T> kind, SignerProvider signerProvider, int maxRecords,
            long maxDelayMillis) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.signerProvider = Objects.requireNonNull(signerProvider, "signerProvider");
        if (maxRecords < 1 || maxRecords > MerkleTree.MAX_LEAVES) {
            throw new IllegalArgumentException("maxRecords must be in [1, " + MerkleTree.MAX_LEAVES + "], was " + maxRecords);
        }
        if (maxDelayMillis < 1) {
            throw new IllegalArgumentException("maxDelayMillis must be at least 1, was " + maxDelayMillis);
        }
        this.maxRecords = maxRecords;
        this.maxDelayMillis = maxDelayMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        signer = signerProvider.open();
        buffer = new ArrayList<>(maxRecords);
        timestamps = new long[maxRecords];
        hasTimestamp = new boolean[maxRecords];
        reuse = new StreamRecord<>(null);
        MetricGroup group = ZkedgeMetrics.group(getMetricGroup());
        sealSizes = ZkedgeMetrics.histogram(group, ZkedgeMetrics.SEAL_SIZE);
        signingMicros = ZkedgeMetrics.histogram(group, ZkedgeMetrics.SIGNING_LATENCY_US);
    }

    @Override
    public void processElement(StreamRecord<T> element) throws Exception {
        // The value, not the StreamRecord: with object reuse, upstream recycles its StreamRecord.
        int i = buffer.size();
        buffer.add(element.getValue());
        timestamps[i] = element.getTimestamp();
        hasTimestamp[i] = element.hasTimestamp();
        if (buffer.size() >= maxRecords) {
            seal();
        } else if (i == 0) {
            // Only for a batch that waits: a timer set and cancelled per record costs the timer thread.
            long now = getProcessingTimeService().getCurrentProcessingTime();
            sealTimer = getProcessingTimeService().registerTimer(now + maxDelayMillis, time -> {
                sealTimer = null;
                seal();
            });
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        seal();
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus watermarkStatus) throws Exception {
        seal();
        super.processWatermarkStatus(watermarkStatus);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        seal();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput() throws Exception {
        seal();
    }

    @Override
    public void finish() throws Exception {
        seal();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        cancelTimer();
        super.close();
    }

    /** Records waiting for their signature (for tests). */
    int bufferedCount() {
        return buffer == null ? 0 : buffer.size();
    }

    private void seal() {
        cancelTimer();
        if (buffer.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        signer.seal(kind, buffer);
        signingMicros.update((System.nanoTime() - start) / 1_000);
        sealSizes.update(buffer.size());
        for (int i = 0; i < buffer.size(); i++) {
            if (hasTimestamp[i]) {
                reuse.replace(buffer.get(i), timestamps[i]);
            } else {
                reuse.replace(buffer.get(i));
                reuse.eraseTimestamp();
            }
            output.collect(reuse);
        }
        buffer.clear();
    }

    private void cancelTimer() {
        if (sealTimer != null) {
            sealTimer.cancel(false);
            sealTimer = null;
        }
    }
}
