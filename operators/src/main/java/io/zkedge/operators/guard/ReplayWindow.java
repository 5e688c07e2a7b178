package io.zkedge.operators.guard;

/**
 * A sliding anti-replay window over a sensor's sequence numbers (as in IPsec, RFC 4303 §3.4.3):
 * the highest sequence number accepted so far, {@code H}, and a bitmap of which of
 * {@code H, H-1, ..., H-(size-1)} were accepted. Only accepted (VALID) proofs are recorded, so
 * proofs that fail verification cannot move the window.
 *
 * <p>A Flink POJO kept in keyed state: 16 bytes of bitmap, the highest sequence number and the
 * event time of the newest accepted proof.
 */
public class ReplayWindow {

    /** The most sequence numbers a window can track. */
    public static final int MAX_SIZE = 128;

    /** What {@link #check} says about a sequence number. */
    public enum Check {
        /** Not seen: above the window, or inside it and not yet accepted. */
        FRESH,
        /** Inside the window and accepted before: a replay. */
        SEEN,
        /** Below the window: too old to tell whether it was seen. */
        BELOW_WINDOW
    }

    /** Highest accepted sequence number. */
    public long highestSeq;

    /** Bits 0..63 of the bitmap: bit {@code i} set means {@code highestSeq - i} was accepted. */
    public long bitsLow;

    /** Bits 64..127 of the bitmap. */
    public long bitsHigh;

    /** Event time of the newest accepted proof, epoch milliseconds. */
    public long latestEventTime;

    /** For Flink's POJO serializer; use {@link #first}. */
    public ReplayWindow() {}

    /** A window that has accepted exactly {@code seq}, at {@code eventTime}. */
    public static ReplayWindow first(long seq, long eventTime) {
        ReplayWindow w = new ReplayWindow();
        w.highestSeq = seq;
        w.bitsLow = 1L;
        w.latestEventTime = eventTime;
        return w;
    }

    /** Whether {@code seq} would be a replay, in a window of {@code size} (1 to 128) sequence numbers. */
    public Check check(long seq, int size) {
        if (seq > highestSeq) {
            return Check.FRESH;
        }
        long distance = highestSeq - seq;
        if (distance >= size) {
            return Check.BELOW_WINDOW;
        }
        return bit((int) distance) ? Check.SEEN : Check.FRESH;
    }

    /**
     * Records {@code seq} as accepted. The caller has checked it is {@link Check#FRESH}.
     *
     * @param eventTime its event time; the window keeps the newest
     */
    public void accept(long seq, long eventTime) {
        if (seq > highestSeq) {
            shiftLeft(seq - highestSeq);
            highestSeq = seq;
            bitsLow |= 1L;
        } else {
            setBit((int) (highestSeq - seq));
        }
        latestEventTime = Math.max(latestEventTime, eventTime);
    }

    private boolean bit(int i) {
        return i < 64 ? (bitsLow >>> i & 1L) != 0 : (bitsHigh >>> (i - 64) & 1L) != 0;
    }

    private void setBit(int i) {
        if (i < 64) {
            bitsLow |= 1L << i;
        } else {
            bitsHigh |= 1L << (i - 64);
        }
    }

    /** Moves every bit {@code k} places up (towards older sequence numbers); bits past 127 fall off. */
    private void shiftLeft(long k) {
        if (k >= 128) {
            bitsLow = 0;
            bitsHigh = 0;
        } else if (k >= 64) {
            bitsHigh = bitsLow << (k - 64);
            bitsLow = 0;
        } else if (k > 0) {
            // k in [1, 63]: Java masks shift distances, so k = 0 must not reach "bitsLow >>> 64".
            bitsHigh = bitsHigh << k | bitsLow >>> (64 - k);
            bitsLow = bitsLow << k;
        }
    }

    @Override
    public String toString() {
        return "ReplayWindow[highest=" + highestSeq + ", bits=" + Long.toHexString(bitsHigh) + ":"
                + Long.toHexString(bitsLow) + ", latestEventTime=" + latestEventTime + "]";
    }
}
