package io.zkedge.operators.compliance;

import io.zkedge.schemas.Verdict;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts a window's verdicts by status, so that the window keeps a few longs, not the verdicts. */
public class ComplianceAggregator implements AggregateFunction<Verdict, ComplianceCounts, ComplianceCounts> {

    private static final long serialVersionUID = 1L;

    @Override
    public ComplianceCounts createAccumulator() {
        return new ComplianceCounts();
    }

    @Override
    public ComplianceCounts add(Verdict verdict, ComplianceCounts counts) {
        counts.add(verdict.getStatus(), verdict.getSeq());
        return counts;
    }

    @Override
    public ComplianceCounts getResult(ComplianceCounts counts) {
        return counts;
    }

    @Override
    public ComplianceCounts merge(ComplianceCounts a, ComplianceCounts b) {
        a.merge(b);
        return a;
    }
}
