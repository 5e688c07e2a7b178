package io.zkedge.operators.guard;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the replay and freshness guard.
 *
 * @param replayWindowSize how many sequence numbers below the highest accepted one are tracked
 *     (1 to {@value ReplayWindow#MAX_SIZE}); a VALID proof further below is a REPLAY, since it can
 *     no longer be told from one
 * @param maxSkew how far behind a proof's event time may be, both behind the sensor's newest
 *     accepted proof and behind the event-time watermark, before it is STALE
 */
public record GuardSettings(int replayWindowSize, Duration maxSkew) implements Serializable {

    /** A window of 128 and a skew of 5 minutes. */
    public static final GuardSettings DEFAULTS = new GuardSettings(ReplayWindow.MAX_SIZE, Duration.ofMinutes(5));

    public GuardSettings {
        if (replayWindowSize < 1 || replayWindowSize > ReplayWindow.MAX_SIZE) {
            throw new IllegalArgumentException("replayWindowSize must be in [1, " + ReplayWindow.MAX_SIZE
                    + "], was " + replayWindowSize);
        }
        Objects.requireNonNull(maxSkew, "maxSkew");
        if (maxSkew.isNegative()) {
            throw new IllegalArgumentException("maxSkew must not be negative, was " + maxSkew);
        }
    }
}
