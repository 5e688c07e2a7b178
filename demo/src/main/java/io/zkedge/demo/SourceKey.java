package io.zkedge.demo;

/** Where a proof record sits in the proofs topic: what verdicts and dead letters point back to. */
record SourceKey(int partition, long offset) {

    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
