package io.zkedge.gateway.sim;

/**
 * What the simulator made a record into, and what the verification job should answer for it.
 * The fractions of the fault kinds are set with {@link FaultFractions}.
 */
public enum RecordKind {
    /** A correct proof of a fresh reading. Expected verdict: VALID. */
    GOOD,
    /**
     * A correct proof sent after the sensor's next record (the two swapped). Expected verdict:
     * VALID, since the replay window accepts a sequence number that has not been seen yet.
     */
    OUT_OF_ORDER,
    /** A fresh reading's proof with one bit flipped. Expected verdict: INVALID (or MALFORMED). */
    TAMPERED,
    /** An exact copy of one of the sensor's recent good records. Expected verdict: REPLAY. */
    REPLAY,
    /**
     * A correct proof of a fresh reading whose event time lies far in the past (the proof is bound
     * to that time). Expected: STALE, or a dead letter LATE behind the compliance windows.
     */
    LATE,
    /** Random bytes that are not Avro, keyed by the sensor id. Expected: a dead letter UNDECODABLE. */
    GARBAGE;

    /** Whether the record carries a proof that verifies for its statement. */
    public boolean verifies() {
        return this == GOOD || this == OUT_OF_ORDER || this == LATE || this == REPLAY;
    }
}
