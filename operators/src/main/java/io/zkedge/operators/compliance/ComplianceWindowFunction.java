package io.zkedge.operators.compliance;

import io.zkedge.evidence.EvidenceSigner;
import io.zkedge.operators.chain.ChainState;
import io.zkedge.operators.chain.SignerProvider;
import io.zkedge.operators.metrics.ZkedgeMetrics;
import io.zkedge.schemas.ComplianceOutcome;
import io.zkedge.schemas.ComplianceRecord;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a sensor's window counts into a {@link ComplianceRecord}, chained per sensor (the next
 * operator, {@code EvidenceSealOperator}, signs it): the chain position lives in the window
 * operator's per-key global state, and a sensor's windows fire in event-time order, so the chain
 * follows the windows.
 *
 * <p><b>Silent windows.</b> A window in which a sensor sent nothing never fires. So that a
 * sensor's compliance records still cover every window from its first one on, the next window
 * that fires first emits the gap since the previous one: one record per silent window, or, beyond
 * {@code maxSilentRecords} windows, one record for the older part of the gap and one per window
 * for the rest. They are chained and signed like any other. (A sensor that never reports again
 * gets no record for its silence; operators see that in the sensors' last verdict times.)
 */
public class ComplianceWindowFunction extends ProcessWindowFunction<ComplianceCounts, ComplianceRecord, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    static final String CHAIN_STATE = "compliance-chain";
    static final String LAST_END_STATE = "compliance-last-window-end";

    private final ComplianceRule rule;
    private final SignerProvider signerProvider;
    private final int maxSilentRecords;

    private transient EvidenceSigner signer;
    private transient ValueStateDescriptor<ChainState> chainDescriptor;
    private transient ValueStateDescriptor<Long> lastEndDescriptor;
    private transient Map<ComplianceOutcome, Counter> windows;

    /**
     * @param rule the compliance rule
     * @param signerProvider the edge node's signing key
     * @param maxSilentRecords most records per silent gap that cover one window each (at least 1)
     */
    public ComplianceWindowFunction(ComplianceRule rule, SignerProvider signerProvider, int maxSilentRecords) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.signerProvider = Objects.requireNonNull(signerProvider, "signerProvider");
        if (maxSilentRecords < 1) {
            throw new IllegalArgumentException("maxSilentRecords must be at least 1, was " + maxSilentRecords);
        }
        this.maxSilentRecords = maxSilentRecords;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        signer = signerProvider.open();
        chainDescriptor = new ValueStateDescriptor<>(CHAIN_STATE, ChainState.class);
        lastEndDescriptor = new ValueStateDescriptor<>(LAST_END_STATE, Types.LONG);
        MetricGroup group = ZkedgeMetrics.group(getRuntimeContext().getMetricGroup());
        windows = new EnumMap<>(ComplianceOutcome.class);
        for (ComplianceOutcome outcome : ComplianceOutcome.values()) {
            windows.put(outcome, ZkedgeMetrics.keyedCounter(group, ZkedgeMetrics.OUTCOME, outcome.name(), ZkedgeMetrics.WINDOWS));
        }
    }

    @Override
    public void process(String sensorId, Context context, Iterable<ComplianceCounts> elements, Collector<ComplianceRecord> out)
            throws Exception {
        ComplianceCounts counts = elements.iterator().next();
        TimeWindow window = context.window();
        ValueState<ChainState> chain = context.globalState().getState(chainDescriptor);
        ValueState<Long> lastEnd = context.globalState().getState(lastEndDescriptor);

        Long previousEnd = lastEnd.value();
        if (previousEnd != null && previousEnd < window.getStart()) {
            long size = window.getEnd() - window.getStart();
            long silentWindows = (window.getStart() - previousEnd) / size;
            long perWindowFrom = previousEnd;
            if (silentWindows > maxSilentRecords) {
                perWindowFrom = window.getStart() - maxSilentRecords * size;
                emit(ComplianceRecords.silent(sensorId, previousEnd, perWindowFrom, silentWindows - maxSilentRecords, rule), chain, out);
            }
            for (long start = perWindowFrom; start < window.getStart(); start += size) {
                emit(ComplianceRecords.silent(sensorId, start, start + size, 1, rule), chain, out);
            }
        }
        emit(ComplianceRecords.unsigned(sensorId, window.getStart(), window.getEnd(), counts, rule), chain, out);
        lastEnd.update(window.getEnd());
    }

    private void emit(ComplianceRecord record, ValueState<ChainState> chain, Collector<ComplianceRecord> out) throws Exception {
        chain.update(ChainState.of(signer.chain(record, ChainState.positionOf(chain.value()))));
        windows.get(record.getOutcome()).inc();
        out.collect(record);
    }
}
