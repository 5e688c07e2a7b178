package io.zkedge.operators.decode;

import io.zkedge.schemas.AvroCodec;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The limits {@link ProofDecoder} applies.
 *
 * @param maxRecordBytes largest record value accepted; larger ones are dead letters with reason
 *     OVERSIZED, and nothing of them is parsed
 * @param maxFutureSkew how far ahead of the decoding machine's clock a proof's event time may be;
 *     a record further in the future is INCONSISTENT, because one such record would drag the
 *     event-time watermark ahead and make every other sensor's data late
 */
public record DecoderSettings(int maxRecordBytes, Duration maxFutureSkew) implements Serializable {

    /** 64 KiB and 5 minutes. */
    public static final DecoderSettings DEFAULTS = new DecoderSettings(AvroCodec.DEFAULT_MAX_BYTES, Duration.ofMinutes(5));

    public DecoderSettings {
        if (maxRecordBytes < 16) {
            throw new IllegalArgumentException("maxRecordBytes must be at least 16, was " + maxRecordBytes);
        }
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative, was " + maxFutureSkew);
        }
    }
}
