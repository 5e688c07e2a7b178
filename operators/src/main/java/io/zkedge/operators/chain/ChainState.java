package io.zkedge.operators.chain;

import io.zkedge.evidence.ChainPosition;

/**
 * Where a sensor's evidence chain continues, as kept in Flink keyed state: the next record's
 * {@code chainIndex} and {@code prevHash} (see {@link ChainPosition}). A Flink POJO of 40 bytes
 * per sensor; it is never cleared, since a restarted chain would look like a forgery to an
 * auditor.
 */
public class ChainState {

    /** {@code chainIndex} of the sensor's next record. */
    public long nextIndex;

    /** {@code prevHash} of the sensor's next record: the chain hash of its last one (32 bytes). */
    public byte[] prevHash;

    /** For Flink's POJO serializer. */
    public ChainState() {}

    /** The state of a position. */
    public static ChainState of(ChainPosition position) {
        ChainState s = new ChainState();
        s.nextIndex = position.nextIndex();
        s.prevHash = position.prevHash();
        return s;
    }

    /** The position this state holds; a sensor without state starts at the genesis position. */
    public static ChainPosition positionOf(ChainState state) {
        return state == null ? ChainPosition.genesis() : ChainPosition.of(state.nextIndex, state.prevHash);
    }

    @Override
    public String toString() {
        return "ChainState[next=" + nextIndex + "]";
    }
}
