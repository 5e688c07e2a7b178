package io.zkedge.operators.guard;

import io.zkedge.operators.verify.VerifiedProof;
import io.zkedge.schemas.VerdictStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides whether a verified proof is fresh: the plain core of {@link GuardFunction}.
 *
 * <p>A proof that did not verify keeps its status (INVALID, MALFORMED, ...) and changes nothing:
 * only an accepted VALID proof advances a sensor's replay window (DESIGN invariant 2), so a flood
 * of garbage or invalid proofs with future sequence numbers cannot block the sensor's later valid
 * proofs. A VALID proof is refused as
 * <ul>
 *   <li>{@code REPLAY} if its sequence number was accepted before, or lies below the window (it can
 *       no longer be told from a replay);
 *   <li>{@code STALE} if its event time is more than {@link GuardSettings#maxSkew()} behind the
 *       sensor's newest accepted proof, or behind the event-time watermark, or not newer than the
 *       newest proof of a window that has expired ({@code floorEventTime}).
 * </ul>
 * Otherwise it is accepted, and the caller records it in the window.
 *
 * <p>A window can expire once the watermark has passed its newest event time by more than the
 * maximum skew: every proof it tracked would then be STALE anyway, and the floor keeps that true
 * without the window (also right after a restore, before the first watermark).
 */
public final class ReplayGuard {

    /** No watermark yet (Flink's initial value). */
    public static final long NO_WATERMARK = Long.MIN_VALUE;

    /** No expired window (a sensor seen for the first time, or whose window is live). */
    public static final long NO_FLOOR = Long.MIN_VALUE;

    private final GuardSettings settings;

    public ReplayGuard(GuardSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param proof the verifier's answer
     * @param window the sensor's live replay window, or null if it has none
     * @param floorEventTime newest event time of the sensor's expired window, or {@link #NO_FLOOR}
     * @param watermark the current event-time watermark, or {@link #NO_WATERMARK}
     */
    public GuardDecision decide(VerifiedProof proof, ReplayWindow window, long floorEventTime, long watermark) {
        if (proof.status != VerdictStatus.VALID) {
            return new GuardDecision(proof.status, proof.reason);
        }
        long seq = proof.record.getSeq();
        long eventTime = proof.record.getEventTime().toEpochMilli();
        long maxSkew = settings.maxSkew().toMillis();
        if (window != null) {
            switch (window.check(seq, settings.replayWindowSize())) {
                case SEEN:
                    return new GuardDecision(VerdictStatus.REPLAY, "seq " + seq + " was accepted before");
                case BELOW_WINDOW:
                    return new GuardDecision(VerdictStatus.REPLAY, "seq " + seq + " is below the replay window ("
                            + settings.replayWindowSize() + " below " + window.highestSeq + ")");
                default:
                    break;
            }
            if (eventTime < saturatedMinus(window.latestEventTime, maxSkew)) {
                return new GuardDecision(VerdictStatus.STALE, "event time " + Instant.ofEpochMilli(eventTime)
                        + " is more than " + settings.maxSkew() + " before the sensor's newest accepted proof ("
                        + Instant.ofEpochMilli(window.latestEventTime) + ")");
            }
        } else if (floorEventTime != NO_FLOOR && eventTime <= floorEventTime) {
            return new GuardDecision(VerdictStatus.STALE, "event time " + Instant.ofEpochMilli(eventTime)
                    + " is not after the sensor's expired replay window (" + Instant.ofEpochMilli(floorEventTime) + ")");
        }
        if (watermark != NO_WATERMARK && eventTime < saturatedMinus(watermark, maxSkew)) {
            return new GuardDecision(VerdictStatus.STALE, "event time " + Instant.ofEpochMilli(eventTime)
                    + " is more than " + settings.maxSkew() + " behind the watermark (" + Instant.ofEpochMilli(watermark) + ")");
        }
        return new GuardDecision(VerdictStatus.VALID, null);
    }

    /**
     * The event time at which a window whose newest proof is {@code latestEventTime} may expire:
     * once the watermark reaches it, any proof the window tracked is STALE by the watermark rule.
     */
    public long expiryTime(long latestEventTime) {
        long t = latestEventTime + settings.maxSkew().toMillis() + 1;
        return t < latestEventTime ? Long.MAX_VALUE : t;
    }

    private static long saturatedMinus(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
    }
}
