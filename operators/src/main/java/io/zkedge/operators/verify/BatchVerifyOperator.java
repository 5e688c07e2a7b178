package io.zkedge.operators.verify;

import io.zkedge.operators.decode.KafkaPayload;
import io.zkedge.operators.decode.ProofEnvelope;
import io.zkedge.operators.metrics.ZkedgeMetrics;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.schemas.UndecodableRecordException;
import io.zkedge.schemas.VerdictStatus;
import io.zkedge.trust.UntrustedArtifactException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
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
        implements TwoInputStreamOperator<ProofEnvelope, KafkaPayload, VerifiedProof>, BoundedMultiInput {

    private static final long serialVersionUID = 1L;

    /**
     * The accepted announcement per slot ({@link AnnouncedVerifier#slot()}: a statement, or the
     * Groth16 module), as raw record bytes, the same on every subtask: after a restore, each
     * subtask loads the announced modules and keys again instead of the bundle's.
     */
    static final MapStateDescriptor<String, byte[]> ANNOUNCED = new MapStateDescriptor<>(
            "announced-modules", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    /** Refusal reason of an announcement that is not a ModuleAnnouncement record. */
    static final String UNDECODABLE = "UNDECODABLE";
    /** Refusal reason of an announced module that answered its known-answer self-test wrong. */
    static final String SELF_TEST_FAILED = "SELF_TEST_FAILED";
    /** Refusal reason of an announcement this job does not take (another module name, proof system, or no trust store). */
    static final String NOT_ACCEPTED = "NOT_ACCEPTED";

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
    private transient BroadcastState<String, byte[]> announced;
    private transient AvroCodec<ModuleAnnouncement> announcements;
    private transient MetricGroup metrics;
    private transient Counter modulesActivated;
    private transient Map<String, Counter> refusedByReason;

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
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        announced = context.getOperatorStateStore().getBroadcastState(ANNOUNCED);
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

        metrics = group;
        modulesActivated = group.counter(ZkedgeMetrics.MODULES_ACTIVATED);
        refusedByReason = new HashMap<>();
        announcements = AvroCodec.forModuleAnnouncements();
        List<Map.Entry<String, byte[]>> restored = new ArrayList<>();
        announced.entries().forEach(restored::add);
        for (Map.Entry<String, byte[]> entry : restored) {
            if (!apply(entry.getValue())) {
                announced.remove(entry.getKey()); // no longer acceptable: the bundle's module stays
            }
        }
    }

    @Override
    public void processElement1(StreamRecord<ProofEnvelope> element) throws Exception {
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

    /**
     * A module announcement from the control topic: the buffer is verified with the current
     * module first, then the announced one replaces it if it is signed by a trusted key, matches
     * its manifest and passes its self-test; otherwise it is refused (logged and counted) and the
     * current module stays.
     */
    @Override
    public void processElement2(StreamRecord<KafkaPayload> element) throws Exception {
        flush();
        apply(element.getValue().value);
    }

    /** Activates an announcement; false (logged and counted) if refused. */
    private boolean apply(byte[] bytes) throws Exception {
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        ModuleAnnouncement announcement;
        try {
            announcement = announcements.decode(bytes);
        } catch (UndecodableRecordException e) {
            return refuse(subtask, UNDECODABLE, "not a module announcement: " + e.getMessage());
        }
        AnnouncedVerifier accepted;
        try {
            accepted = provider.accept(announcement, maxBatchSize);
        } catch (UntrustedArtifactException e) {
            return refuse(subtask, e.reason().name(), e.getMessage());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return refuse(subtask, NOT_ACCEPTED, e.getMessage());
        }
        try {
            accepted.selfTest();
        } catch (IllegalStateException e) {
            return refuse(subtask, SELF_TEST_FAILED, e.getMessage());
        }
        accepted.verifiers().forEach(verifier::replace);
        accepted.activated();
        announced.put(accepted.slot(), bytes);
        modulesActivated.inc();
        LOG.info("Subtask {} verifies {} with announced {} from now on", subtask, accepted.verifiers().keySet(),
                accepted.description());
        return true;
    }

    private boolean refuse(int subtask, String reason, String detail) {
        refusedByReason.computeIfAbsent(reason, r -> ZkedgeMetrics.keyedCounter(metrics, ZkedgeMetrics.REASON, r,
                ZkedgeMetrics.MODULE_ANNOUNCEMENTS_REFUSED)).inc();
        LOG.warn("Subtask {} refused a module announcement ({}): {}; it keeps its current modules", subtask, reason, detail);
        return false;
    }

    @Override
    public void processWatermark1(Watermark mark) throws Exception {
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

    /** The control topic has no say in event time: only the proofs' watermarks go on. */
    @Override
    public void processWatermark2(Watermark mark) {}

    /** The proofs' idleness goes on as it is; the control topic's is ignored, like its watermarks. */
    @Override
    protected void processWatermarkStatus(WatermarkStatus watermarkStatus, int index) throws Exception {
        if (index == 0) {
            // Going idle (or active again) must not overtake buffered records either.
            flush();
            output.emitWatermarkStatus(watermarkStatus);
        }
    }

    /** Verifies and emits everything buffered before the barrier of checkpoint {@code checkpointId}. */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput(int inputId) throws Exception {
        if (inputId == 1) {
            flush();
        }
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

    /** SHA-256 of the module that verifies {@code statement} now (for tests). */
    byte[] activeModule(StatementKey statement) {
        return verifier.moduleSha256(statement);
    }

    /** Announcements refused so far (for tests). */
    long refusedAnnouncements() {
        return refusedByReason.values().stream().mapToLong(Counter::getCount).sum();
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
