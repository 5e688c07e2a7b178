package io.zkedge.operators.testutils;

import io.zkedge.bulletproofs.BulletproofsProver;
import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.bulletproofs.RangeProofBundle;
import io.zkedge.operators.verify.StatementKey;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.schemas.RangeParameters;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real Bulletproofs proof records, made with the bundled prover module and cached for the whole
 * test JVM (Surefire runs a module's test classes in one JVM): proving costs tens of milliseconds
 * under Chicory, so each distinct reading is proven once.
 *
 * <p>Readings are 16-bit range statements over [{@value #MIN}, {@value #MAX}], from gateway
 * {@value #GATEWAY}, at {@link #T0} + seq seconds unless a time is given.
 */
public final class ProofFixtures {

    public static final String GATEWAY = "gw-test";
    public static final long MIN = 0;
    public static final long MAX = 1000;
    public static final int BITS = 16;

    /** The event time of seq 0: 2026-01-01T00:00:00Z (a fixed past time, so tests are deterministic). */
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** One second, the readings' default spacing. */
    public static final long ONE_SECOND = 1_000;

    /** Offset of t_x in dalek's RangeProof::to_bytes (after A, S, T_1, T_2). */
    private static final int T_X_OFFSET = 4 * 32;

    private static final Map<String, ProofRecord> CACHE = new ConcurrentHashMap<>();
    private static final AvroCodec<ProofRecord> CODEC = AvroCodec.forProofRecords();
    private static final ThreadLocal<BulletproofsProver> THREAD_PROVER =
            ThreadLocal.withInitial(() -> BulletproofsProver.builder().setModule(BundledModules.prover()).build());

    private ProofFixtures() {}

    /** A valid reading of {@code sensor} with sequence number {@code seq} at {@code T0 + seq s}. */
    public static ProofRecord valid(String sensor, long seq) {
        return valid(sensor, seq, T0.toEpochMilli() + seq * ONE_SECOND, 500 + seq % 100);
    }

    /** A valid reading with the given event time (epoch ms) and value. */
    public static ProofRecord valid(String sensor, long seq, long eventTime, long value) {
        String key = sensor + "|" + seq + "|" + eventTime + "|" + value;
        ProofRecord cached = CACHE.computeIfAbsent(key, k -> prove(sensor, seq, eventTime, value));
        return ProofRecord.newBuilder(cached).build(); // a copy: callers may change it
    }

    /** Proves every reading {@code seq = from .. to-1} of each sensor, two threads at a time. */
    public static void warm(List<String> sensors, long from, long to) {
        sensors.parallelStream().forEach(sensor -> {
            for (long seq = from; seq < to; seq++) {
                valid(sensor, seq);
            }
        });
    }

    /** The same record with t_x changed by one: a well-formed proof that no longer verifies. */
    public static ProofRecord tampered(ProofRecord record) {
        byte[] proof = bytes(record.getProof());
        proof[T_X_OFFSET] ^= 1;
        ProofRecord copy = ProofRecord.newBuilder(record).build();
        copy.setProof(ByteBuffer.wrap(proof));
        return copy;
    }

    /** The same commitment and proof claimed for another sensor (the proof is bound to the original). */
    public static ProofRecord forSensor(ProofRecord record, String sensor) {
        ProofRecord copy = ProofRecord.newBuilder(record).build();
        copy.setSensorId(sensor);
        return copy;
    }

    /** The same commitment and proof claimed for another sequence number. */
    public static ProofRecord withSeq(ProofRecord record, long seq) {
        ProofRecord copy = ProofRecord.newBuilder(record).build();
        copy.setSeq(seq);
        return copy;
    }

    /** A syntactically fine record whose proof is 672 zero bytes (never valid, never minted by a prover). */
    public static ProofRecord garbageProof(String sensor, long seq) {
        return record(sensor, seq, T0.toEpochMilli() + seq * ONE_SECOND, new byte[32], new byte[672]);
    }

    /** A Bulletproofs range record with the given commitment and proof bytes. */
    public static ProofRecord record(String sensor, long seq, long eventTime, byte[] commitment, byte[] proof) {
        return ProofRecord.newBuilder()
                .setSensorId(sensor)
                .setGatewayId(GATEWAY)
                .setSeq(seq)
                .setEventTime(Instant.ofEpochMilli(eventTime))
                .setProofSystem(ProofSystem.BULLETPROOFS)
                .setStatementId(StatementKey.RANGE_V1)
                .setCommitment(ByteBuffer.wrap(commitment))
                .setProof(ByteBuffer.wrap(proof))
                .setRange(new RangeParameters(MIN, MAX, BITS))
                .build();
    }

    /** The single-object encoding of a record, as a gateway publishes it. */
    public static byte[] encode(ProofRecord record) {
        return CODEC.encode(record);
    }

    private static ProofRecord prove(String sensor, long seq, long eventTime, long value) {
        RangeProofBundle bundle;
        try {
            bundle = newProver().proveRange(value, MIN, MAX, BITS, sensor, seq, eventTime);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prove a fixture reading", e);
        }
        return record(sensor, seq, eventTime, bundle.commitment(), bundle.proof());
    }

    /** This thread's prover: provers are not thread-safe; the compiled module is shared. */
    private static BulletproofsProver newProver() {
        return THREAD_PROVER.get();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
