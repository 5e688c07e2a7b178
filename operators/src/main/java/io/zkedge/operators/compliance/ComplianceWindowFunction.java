package io.zkedge.operators.compliance;

import io.zkedge.evidence.ChainPosition;
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
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a sensor's window counts into a signed {@link ComplianceRecord}, chained per sensor: the
 * chain position lives in the window operator's per-key global state, and a sensor's windows fire
 * in event-time order, so the chain follows the windows.
 */
public class ComplianceWindowFunction extends ProcessWindowFunction<ComplianceCounts, ComplianceRecord, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    static final String CHAIN_STATE = "compliance-chain";

    private final ComplianceRule rule;
    private final SignerProvider signerProvider;

    private transient EvidenceSigner signer;
    private transient ValueStateDescriptor<ChainState> chainDescriptor;
    private transient Map<ComplianceOutcome, Counter> windows;

    public ComplianceWindowFunction(ComplianceRule rule, SignerProvider signerProvider) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.signerProvider = Objects.requireNonNull(signerProvider, "signerProvider");
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        signer = signerProvider.open();
        chainDescriptor = new ValueStateDescriptor<>(CHAIN_STATE, ChainState.class);
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
        ComplianceRecord record = ComplianceRecords.unsigned(sensorId, window.getStart(), window.getEnd(), counts, rule);

        ValueState<ChainState> chain = context.globalState().getState(chainDescriptor);
        ChainPosition next = signer.signChained(record, ChainState.positionOf(chain.value()));
        chain.update(ChainState.of(next));

        windows.get(record.getOutcome()).inc();
        out.collect(record);
    }
}
