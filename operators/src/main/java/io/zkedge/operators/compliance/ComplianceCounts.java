package io.zkedge.operators.compliance;

import io.zkedge.schemas.VerdictStatus;

/**
 * What one sensor's verdicts in one window add up to: the accumulator of {@link ComplianceAggregator}.
 *
 * <p>Statuses are counted as: {@code VALID} → {@link #valid}; {@code INVALID} and
 * {@code CONTEXT_MISMATCH} → {@link #invalid}; {@code REPLAY} → {@link #replayed}; {@code STALE}
 * → {@link #stale}; {@code MALFORMED}, {@code UNSUPPORTED} and {@code UNKNOWN_STATEMENT} (proofs
 * that no verifier could judge) → {@link #malformed}.
 *
 * <p>A Flink POJO kept in window state; a few longs per sensor and window.
 */
public class ComplianceCounts {

    public long valid;
    public long invalid;
    public long replayed;
    public long malformed;
    public long stale;

    /** Lowest sequence number among the valid proofs, or {@code Long.MAX_VALUE} if none. */
    public long minValidSeq = Long.MAX_VALUE;

    /** Highest sequence number among the valid proofs, or {@code Long.MIN_VALUE} if none. */
    public long maxValidSeq = Long.MIN_VALUE;

    public ComplianceCounts() {}

    /** Counts one verdict. */
    public void add(VerdictStatus status, long seq) {
        switch (status) {
            case VALID -> {
                valid++;
                minValidSeq = Math.min(minValidSeq, seq);
                maxValidSeq = Math.max(maxValidSeq, seq);
            }
            case INVALID, CONTEXT_MISMATCH -> invalid++;
            case REPLAY -> replayed++;
            case STALE -> stale++;
            case MALFORMED, UNSUPPORTED, UNKNOWN_STATEMENT -> malformed++;
        }
    }

    /** Adds {@code other}'s counts to these. */
    public void merge(ComplianceCounts other) {
        valid += other.valid;
        invalid += other.invalid;
        replayed += other.replayed;
        malformed += other.malformed;
        stale += other.stale;
        minValidSeq = Math.min(minValidSeq, other.minValidSeq);
        maxValidSeq = Math.max(maxValidSeq, other.maxValidSeq);
    }

    /** Readings received: every verdict but replays (a replay is an old reading sent again). */
    public long received() {
        return valid + invalid + malformed + stale;
    }

    /**
     * Readings missing against {@code expected}: sequence numbers absent between the lowest and
     * highest valid one, plus those short of the expected count,
     * i.e. {@code max(expected, maxValidSeq - minValidSeq + 1) - valid}.
     */
    public long missing(long expected) {
        long span = valid == 0 ? 0 : maxValidSeq - minValidSeq + 1;
        return Math.max(expected, span) - valid;
    }

    @Override
    public String toString() {
        return "ComplianceCounts[valid=" + valid + ", invalid=" + invalid + ", replayed=" + replayed
                + ", malformed=" + malformed + ", stale=" + stale + ", validSeq=" + minValidSeq + ".." + maxValidSeq + "]";
    }
}
