package io.zkedge.operators.testutils;

import io.zkedge.operators.decode.ProofEnvelope;
import io.zkedge.schemas.ProofRecord;

/** Proof records for {@link FakeVerifierProvider}: no proving, readable in a test. */
public final class FakeProofs {

    private FakeProofs() {}

    /** A record the fake verifier finds VALID, at {@code T0 + seq s}. */
    public static ProofRecord valid(String sensor, long seq) {
        return withFirstByte(sensor, seq, FakeVerifierProvider.VALID_MARK);
    }

    /** A record the fake verifier finds INVALID, at {@code T0 + seq s}. */
    public static ProofRecord invalid(String sensor, long seq) {
        return withFirstByte(sensor, seq, (byte) 0);
    }

    /** A record wrapped with its Kafka coordinates (partition 0, offset = seq). */
    public static ProofEnvelope envelope(ProofRecord record) {
        return new ProofEnvelope(record, 0, record.getSeq());
    }

    private static ProofRecord withFirstByte(String sensor, long seq, byte first) {
        byte[] proof = new byte[64];
        proof[0] = first;
        return ProofFixtures.record(sensor, seq, ProofFixtures.T0.toEpochMilli() + seq * ProofFixtures.ONE_SECOND,
                new byte[32], proof);
    }
}
