package io.zkedge.operators.decode;

import io.zkedge.operators.metrics.ZkedgeMetrics;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.DeadLetterReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes the proofs topic's records: consistent proofs go to the main output, everything else to
 * the {@link #DEAD_LETTERS} side output. A thin shell over {@link ProofDecoder}; it never fails
 * the job for a bad record.
 */
public class DecodeFunction extends ProcessFunction<KafkaPayload, ProofEnvelope> {

    private static final long serialVersionUID = 1L;

    /** Records that are not proofs, with the reason (UNDECODABLE, OVERSIZED, INCONSISTENT). */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("decode-dead-letters") {};

    private final DecoderSettings settings;
    private transient ProofDecoder decoder;
    private transient Map<DeadLetterReason, Counter> deadLetters;

    public DecodeFunction(DecoderSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void open(OpenContext openContext) {
        decoder = new ProofDecoder(settings);
        MetricGroup group = ZkedgeMetrics.group(getRuntimeContext().getMetricGroup());
        deadLetters = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLetters.put(reason, ZkedgeMetrics.keyedCounter(group, ZkedgeMetrics.REASON, reason.name(),
                    ZkedgeMetrics.DEAD_LETTERS));
        }
    }

    @Override
    public void processElement(KafkaPayload payload, Context ctx, Collector<ProofEnvelope> out) {
        DecodeResult result = decoder.decode(payload);
        if (result.isProof()) {
            out.collect(result.proof());
        } else {
            DeadLetter deadLetter = result.deadLetter();
            deadLetters.get(deadLetter.getReason()).inc();
            ctx.output(DEAD_LETTERS, deadLetter);
        }
    }
}
