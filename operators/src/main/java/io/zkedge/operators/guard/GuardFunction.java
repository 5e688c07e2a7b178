package io.zkedge.operators.guard;

import io.zkedge.evidence.EvidenceSigner;
import io.zkedge.operators.chain.ChainState;
import io.zkedge.operators.chain.SignerProvider;
import io.zkedge.operators.metrics.ZkedgeMetrics;
import io.zkedge.operators.verify.VerifiedProof;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by sensor id: the replay and freshness guard ({@link ReplayGuard}), then the sensor's
 * verdict chain. Emits one chained {@link Verdict} per verified proof, with the proof's event
 * time as its timestamp; the next operator ({@code EvidenceSealOperator}) signs it.
 *
 * <p><b>State per sensor.</b>
 * <ul>
 *   <li>{@code replay-window}: the {@link ReplayWindow}, changed only by accepted (VALID) proofs.
 *       An event-time timer clears it once the watermark has passed its newest proof by more than
 *       the maximum skew, leaving only
 *   <li>{@code replay-floor}: that newest event time (8 bytes), below which the sensor's proofs are
 *       STALE, so that nothing the window knew can be replayed after it is gone;
 *   <li>{@code verdict-chain}: the {@link ChainState}; every verdict, whatever its status, is a
 *       link of the chain, so an auditor can tell if one is deleted. Never cleared.
 * </ul>
 * One timer at most per sensor: moving the window's expiry deletes the old timer.
 */
public class GuardFunction extends KeyedProcessFunction<String, VerifiedProof, Verdict> implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    static final String WINDOW_STATE = "replay-window";
    static final String FLOOR_STATE = "replay-floor";
    static final String CHAIN_STATE = "verdict-chain";

    private final GuardSettings settings;
    private final SignerProvider signerProvider;

    private transient ReplayGuard guard;
    private transient EvidenceSigner signer;
    private transient ValueState<ReplayWindow> windowState;
    private transient ValueState<Long> floorState;
    private transient ValueState<ChainState> chainState;
    private transient ListState<Long> sensorCountState;
    private transient long sensors;

    private transient Map<VerdictStatus, Counter> verdicts;
    private transient Counter replays;
    private transient Counter stale;

    public GuardFunction(GuardSettings settings, SignerProvider signerProvider) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.signerProvider = Objects.requireNonNull(signerProvider, "signerProvider");
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        sensorCountState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("guard-sensor-count", Types.LONG));
        sensors = 0;
        for (Long count : sensorCountState.get()) {
            sensors += count;
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        sensorCountState.update(java.util.List.of(sensors));
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        guard = new ReplayGuard(settings);
        signer = signerProvider.open();
        windowState = getRuntimeContext().getState(new ValueStateDescriptor<>(WINDOW_STATE, ReplayWindow.class));
        floorState = getRuntimeContext().getState(new ValueStateDescriptor<>(FLOOR_STATE, Types.LONG));
        chainState = getRuntimeContext().getState(new ValueStateDescriptor<>(CHAIN_STATE, ChainState.class));

        MetricGroup group = ZkedgeMetrics.group(getRuntimeContext().getMetricGroup());
        verdicts = new EnumMap<>(VerdictStatus.class);
        for (VerdictStatus status : VerdictStatus.values()) {
            verdicts.put(status, ZkedgeMetrics.keyedCounter(group, ZkedgeMetrics.STATUS, status.name(), ZkedgeMetrics.VERDICTS));
        }
        replays = group.counter(ZkedgeMetrics.REPLAYS);
        stale = group.counter(ZkedgeMetrics.STALE);
        group.gauge(ZkedgeMetrics.SENSORS, () -> sensors);
    }

    @Override
    public void processElement(VerifiedProof proof, Context ctx, Collector<Verdict> out) throws Exception {
        ReplayWindow window = windowState.value();
        Long floor = floorState.value();
        GuardDecision decision = guard.decide(proof, window, floor == null ? ReplayGuard.NO_FLOOR : floor,
                ctx.timerService().currentWatermark());

        if (decision.accepted()) {
            long seq = proof.record.getSeq();
            long eventTime = proof.record.getEventTime().toEpochMilli();
            if (window == null) {
                window = ReplayWindow.first(seq, eventTime);
                ctx.timerService().registerEventTimeTimer(guard.expiryTime(eventTime));
            } else {
                long oldExpiry = guard.expiryTime(window.latestEventTime);
                window.accept(seq, eventTime);
                long newExpiry = guard.expiryTime(window.latestEventTime);
                if (newExpiry != oldExpiry) {
                    ctx.timerService().deleteEventTimeTimer(oldExpiry);
                    ctx.timerService().registerEventTimeTimer(newExpiry);
                }
            }
            windowState.update(window);
        }

        Verdict verdict = VerdictFactory.unsigned(proof, decision);
        ChainState chain = chainState.value();
        if (chain == null) {
            sensors++;
        }
        chainState.update(ChainState.of(signer.chain(verdict, ChainState.positionOf(chain))));

        verdicts.get(decision.status()).inc();
        if (decision.status() == VerdictStatus.REPLAY) {
            replays.inc();
        } else if (decision.status() == VerdictStatus.STALE) {
            stale.inc();
        }
        out.collect(verdict);
    }

    /** The window's expiry: every proof it tracked is now STALE by the watermark; keep only the floor. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Verdict> out) throws Exception {
        ReplayWindow window = windowState.value();
        if (window != null && guard.expiryTime(window.latestEventTime) == timestamp) {
            floorState.update(window.latestEventTime);
            windowState.clear();
        }
    }
}
