package io.zkedge.operators.compliance;

import io.zkedge.operators.metrics.ZkedgeMetrics;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.DeadLetterReason;
import io.zkedge.schemas.Verdict;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * A verdict that arrived after its compliance window closed (past the allowed lateness) becomes a
 * dead letter with reason LATE, and is counted. The verdict itself was published as usual; only
 * the window's counts miss it. {@code original} holds the verdict in single-object encoding (its
 * schema fingerprint says it is a Verdict), and the coordinates are those of the proof it judged.
 */
public class LateVerdictFunction extends RichMapFunction<Verdict, DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String proofsTopic;
    private final long allowedLatenessMillis;
    private transient AvroCodec<Verdict> codec;
    private transient Counter late;
    private transient Counter deadLetters;

    /**
     * @param proofsTopic the topic the judged proofs came from, for the dead letter's source
     * @param allowedLatenessMillis for the detail text
     */
    public LateVerdictFunction(String proofsTopic, long allowedLatenessMillis) {
        this.proofsTopic = Objects.requireNonNull(proofsTopic, "proofsTopic");
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        codec = AvroCodec.forVerdicts();
        MetricGroup group = ZkedgeMetrics.group(getRuntimeContext().getMetricGroup());
        late = group.counter(ZkedgeMetrics.LATE_RECORDS);
        deadLetters = ZkedgeMetrics.keyedCounter(group, ZkedgeMetrics.REASON, DeadLetterReason.LATE.name(), ZkedgeMetrics.DEAD_LETTERS);
    }

    @Override
    public DeadLetter map(Verdict verdict) {
        late.inc();
        deadLetters.inc();
        return toDeadLetter(verdict, codec, proofsTopic, allowedLatenessMillis, System.currentTimeMillis());
    }

    /** The LATE dead letter of a verdict. */
    public static DeadLetter toDeadLetter(Verdict verdict, AvroCodec<Verdict> codec, String proofsTopic,
            long allowedLatenessMillis, long now) {
        return DeadLetter.newBuilder()
                .setReason(DeadLetterReason.LATE)
                .setDetail("verdict " + verdict.getStatus() + " for " + verdict.getSensorId() + " seq " + verdict.getSeq()
                        + " at event time " + verdict.getEventTime() + " arrived after its compliance window closed"
                        + " (allowed lateness " + allowedLatenessMillis + " ms); it is not counted")
                .setSourceTopic(proofsTopic)
                .setSourcePartition(verdict.getSourcePartition())
                .setSourceOffset(verdict.getSourceOffset())
                .setKey(ByteBuffer.wrap(verdict.getSensorId().getBytes(StandardCharsets.UTF_8)))
                .setOriginal(ByteBuffer.wrap(codec.encode(verdict)))
                .setReceivedAt(Instant.ofEpochMilli(now))
                .build();
    }
}
