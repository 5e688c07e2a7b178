package io.zkedge.operators.decode;

import java.util.Objects;
import org.apache.flink.api.common.eventtime.TimestampAssigner;

/**
 * The event time of a record of the proofs topic, for the Kafka source's watermark strategy: the
 * proof's {@code eventTime} if the record decodes into a consistent proof, else
 * {@link Long#MIN_VALUE}, which never moves a watermark (a dead letter has no say in event time,
 * and a record whose event time is too far ahead is a dead letter, so it cannot drag the
 * watermark into the future).
 *
 * <p>It runs inside the source so that watermarks are generated per Kafka partition: a subtask
 * that reads a partition whose gateway is behind holds its watermark back instead of calling that
 * partition's records late. The price is a second decode of each record ({@link DecodeFunction}
 * decodes it again), a few microseconds against the roughly one millisecond of its verification.
 */
public final class ProofEventTimeAssigner implements TimestampAssigner<KafkaPayload> {

    private final ProofDecoder decoder;

    public ProofEventTimeAssigner(DecoderSettings settings) {
        this.decoder = new ProofDecoder(Objects.requireNonNull(settings, "settings"));
    }

    @Override
    public long extractTimestamp(KafkaPayload payload, long kafkaTimestamp) {
        DecodeResult result = decoder.decode(payload);
        return result.isProof() ? result.proof().record.getEventTime().toEpochMilli() : Long.MIN_VALUE;
    }
}
