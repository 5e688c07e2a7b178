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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.MailboxExecutor;
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
 * <p><b>A thread for the module calls.</b> Each subtask verifies on a thread of its own, so the
 * task thread keeps taking records while a batch is verified: a record's wait starts when it
 * arrives, not when the batch before it is done, and a batch whose delay ran out while the
 * verifier was busy goes as soon as the verifier is free. At most one batch is verified and one
 * fills at a time; when both are full, the task thread waits for the verifier, which is the
 * backpressure. Results come back through the task's mailbox and are emitted by the task thread.
 *
 * <p><b>No state.</b> Everything buffered or being verified is verified and emitted in
 * {@link #prepareSnapshotPreBarrier} (before the checkpoint barrier goes downstream) and at the end
 * of input, so a checkpoint never contains a buffered record: after a failure, the source replays
 * whatever the last checkpoint had not yet seen verified.
 *
 * <p><b>Event time.</b> Records keep their timestamps, and the operator changes nothing about
 * event time but delay: a watermark that arrives while records are buffered or being verified is
 * held and emitted exactly where it arrived, after the records that came before it and before
 * those that came after it. So a record is late downstream if and only if it would have been
 * without batching, and a whole buffer is still verified in one call. Holding delays event-time
 * progress by at most the batch delay and two verifications.
 *
 * <p><b>Verifiers.</b> Each subtask loads its own in {@link #open()} from the
 * {@link VerifierProvider}: one Wasm instance per subtask, called only from the subtask's verify
 * thread, a fresh {@code SecureRandom} seed per module call. Each must pass its known-answer
 * self-test ({@link StatementVerifier#selfTest()}) before the subtask takes a record; a module that
 * fails it stops the job with the reason. An announced module replaces the current one only once
 * no batch is being verified.
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

    /** How long close() waits for a module call in progress. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final VerifierProvider provider;
    private final int maxBatchSize;
    private final long maxDelayMillis;

    private transient BatchVerifier verifier;
    /** Runs the module calls; {@link #verifier} is used from this thread only while a batch is in flight. */
    private transient ExecutorService verifyThread;
    /** Hands verified batches back to the task thread. */
    private transient MailboxExecutor mailbox;
    /** The batch that takes arriving records (task thread only). */
    private transient Batch filling;
    /** The batch being verified, or null (task thread only). */
    private transient Batch inFlight;
    /** A cleared batch to fill next, so two batches serve for the whole run. */
    private transient Batch spare;
    private transient ScheduledFuture<?> delayTimer;
    /**
     * Counts delay timers set and cancelled: a timer's callback runs as a mail, which cancelling
     * cannot take back once the timer has expired, so a callback acts only if it is the latest.
     */
    private transient long timerGeneration;
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
     * @param maxBatchSize a batch goes to the verifier when this many records are buffered (1 to 256)
     * @param maxDelayMillis and at the latest this long after its first record arrived, or as soon as
     *     the verifier is free after that
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

        filling = new Batch(maxBatchSize);
        spare = new Batch(maxBatchSize);
        reuse = new StreamRecord<>(null);
        mailbox = getContainingTask().getMailboxExecutorFactory().createExecutor(getOperatorConfig().getChainIndex());
        String threadName = getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks() + " module calls";
        verifyThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });

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
        filling.add(element);
        if (filling.size() == 1) {
            filling.firstBufferedAt = getProcessingTimeService().getCurrentProcessingTime();
            long generation = ++timerGeneration;
            delayTimer = getProcessingTimeService().registerTimer(filling.firstBufferedAt + maxDelayMillis, time -> {
                if (generation == timerGeneration) {
                    delayTimer = null;
                    delayRanOut();
                }
            });
        }
        if (filling.size() >= maxBatchSize) {
            awaitInFlight(); // both batches full: the input waits for the verifier
            dispatch();
        }
    }

    /**
     * A module announcement from the control topic: everything buffered is verified with the
     * current module first, then the announced one replaces it if it is signed by a trusted key, matches
     * its manifest and passes its self-test; otherwise it is refused (logged and counted) and the
     * current module stays.
     */
    @Override
    public void processElement2(StreamRecord<KafkaPayload> element) throws Exception {
        verifyAll();
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
        if (filling.size() == 0 && inFlight == null) {
            super.processWatermark(mark);
        } else {
            filling.hold(mark);
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
            verifyAll();
            output.emitWatermarkStatus(watermarkStatus);
        }
    }

    /** Verifies and emits everything buffered before the barrier of checkpoint {@code checkpointId}. */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        verifyAll();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput(int inputId) throws Exception {
        if (inputId == 1) {
            verifyAll();
        }
    }

    @Override
    public void finish() throws Exception {
        verifyAll();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        cancelTimer();
        if (verifyThread != null) {
            verifyThread.shutdownNow();
            // A module call does not look at interrupts: a batch still running ends on its own.
            if (!verifyThread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("The module call of {} has not returned {} s after close; its thread is left to end on its own",
                        getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks(), CLOSE_WAIT_SECONDS);
            }
        }
        super.close();
    }

    /** Records waiting for their batch, not counting a batch being verified (for tests). */
    int bufferedCount() {
        return filling == null ? 0 : filling.size();
    }

    /** Whether a batch is being verified (for tests). */
    boolean isVerifying() {
        return inFlight != null;
    }

    /** SHA-256 of the module that verifies {@code statement} now (for tests). */
    byte[] activeModule(StatementKey statement) {
        return verifier.moduleSha256(statement);
    }

    /** Announcements refused so far (for tests). */
    long refusedAnnouncements() {
        return refusedByReason.values().stream().mapToLong(Counter::getCount).sum();
    }

    /** Whether a delay timer is pending (for tests). */
    boolean hasPendingTimer() {
        return delayTimer != null;
    }

    /** The filling batch's delay ran out: it goes now, or as soon as the verifier is free. */
    private void delayRanOut() {
        if (inFlight == null) {
            dispatch();
        } else {
            filling.due = true;
        }
    }

    /** Hands the filling batch to the verify thread; nothing may be in flight. */
    private void dispatch() {
        cancelTimer();
        Batch batch = filling;
        filling = spare;
        spare = null;
        batch.dispatchedAt = getProcessingTimeService().getCurrentProcessingTime();
        CompletableFuture<List<VerifiedProof>> result = new CompletableFuture<>();
        batch.verified = result;
        inFlight = batch;
        verifyThread.execute(() -> {
            long start = System.nanoTime();
            try {
                List<VerifiedProof> verified = verifier.verify(batch.records);
                batch.verifyNanos = System.nanoTime() - start;
                result.complete(verified);
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
            try {
                mailbox.execute(() -> verified(result), "emit a verified batch");
            } catch (RejectedExecutionException taskEnding) {
                // The task is shutting down: nobody is left to emit to.
            }
        });
    }

    /** The mail from the verify thread; the batch may already have been taken by {@link #awaitInFlight()}. */
    private void verified(CompletableFuture<List<VerifiedProof>> result) throws Exception {
        if (inFlight != null && inFlight.verified == result) {
            awaitInFlight();
            if (filling.due) {
                dispatch();
            }
        }
    }

    /** Verifies and emits everything buffered or in flight before returning. */
    private void verifyAll() throws Exception {
        awaitInFlight();
        if (filling.size() > 0) {
            dispatch();
            awaitInFlight();
        }
    }

    /**
     * Waits for the batch in flight, if any, and emits it, followed by the watermarks that arrived
     * after it while no record was buffered.
     */
    private void awaitInFlight() throws Exception {
        if (inFlight == null) {
            return;
        }
        Batch batch = inFlight;
        inFlight = null; // a failed call fails the task: its records come again from the last checkpoint
        List<VerifiedProof> verified;
        try {
            verified = batch.verified.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : new ExecutionException(e.getCause());
        }
        latencies.update(batch.verifyNanos / 1_000_000);
        batchSizes.update(batch.size());
        waits.update(batch.dispatchedAt - batch.firstBufferedAt);
        emit(batch, verified);
        batch.clear();
        spare = batch;
        if (filling.size() == 0) {
            emit(filling, List.of());
            filling.clear();
        }
    }

    /** Emits a batch's verdicts with its held watermarks where they arrived. */
    private void emit(Batch batch, List<VerifiedProof> verified) throws Exception {
        int nextMark = 0;
        for (int i = 0; i < verified.size(); i++) {
            while (nextMark < batch.heldPositions.size() && batch.heldPositions.get(nextMark) == i) {
                super.processWatermark(batch.heldWatermarks.get(nextMark++));
            }
            VerifiedProof proof = verified.get(i);
            verifiedByStatus.get(proof.status).inc();
            if (batch.hasTimestamp[i]) {
                reuse.replace(proof, batch.timestamps[i]);
            } else {
                reuse.replace(proof);
                reuse.eraseTimestamp();
            }
            output.collect(reuse);
        }
        while (nextMark < batch.heldPositions.size()) {
            super.processWatermark(batch.heldWatermarks.get(nextMark++));
        }
    }

    private void cancelTimer() {
        timerGeneration++;
        if (delayTimer != null) {
            delayTimer.cancel(false);
            delayTimer = null;
        }
    }

    /** One batch: its records with their timestamps, and the watermarks that arrived between them. */
    private static final class Batch {
        final List<ProofEnvelope> records;
        final long[] timestamps;
        final boolean[] hasTimestamp;
        /** Watermarks that arrived while this batch was filling, and its size at their arrival. */
        final List<Watermark> heldWatermarks = new ArrayList<>();
        final List<Integer> heldPositions = new ArrayList<>();
        long firstBufferedAt;
        long dispatchedAt;
        /** The delay ran out while another batch was being verified. */
        boolean due;
        CompletableFuture<List<VerifiedProof>> verified;
        /** Written by the verify thread before it completes {@link #verified}. */
        long verifyNanos;

        Batch(int capacity) {
            records = new ArrayList<>(capacity);
            timestamps = new long[capacity];
            hasTimestamp = new boolean[capacity];
        }

        int size() {
            return records.size();
        }

        void add(StreamRecord<ProofEnvelope> element) {
            int i = records.size();
            records.add(element.getValue());
            hasTimestamp[i] = element.hasTimestamp();
            timestamps[i] = element.getTimestamp();
        }

        void hold(Watermark mark) {
            int last = heldPositions.size() - 1;
            if (last >= 0 && heldPositions.get(last) == records.size()) {
                heldWatermarks.set(last, mark); // no record in between: only the newer one matters
            } else {
                heldWatermarks.add(mark);
                heldPositions.add(records.size());
            }
        }

        void clear() {
            records.clear();
            heldWatermarks.clear();
            heldPositions.clear();
            due = false;
            verified = null;
        }
    }
}
