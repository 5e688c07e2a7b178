package io.zkedge.gateway;

import io.zkedge.bulletproofs.BulletproofsProver;
import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.bulletproofs.RangeProofBundle;
import io.zkedge.wasm.WasmModule;
import io.zkedge.wasm.WasmTrapException;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a sensor reading into a {@link ProofRecord}: a Pedersen commitment to the value and a
 * Bulletproofs range proof that it lies in the sensor's {@link RangeSpec}, bound to the sensor id,
 * sequence number and event time (statement {@value #STATEMENT_ID}).
 *
 * <pre>{@code
 * ReadingProver prover = ReadingProver.create("gateway-1");       // one per thread
 * Optional<ProofRecord> record = prover.prove("soil-7", seq, Instant.now(), 312, new RangeSpec(0, 1000, 16));
 * record.ifPresent(gateway::publish);
 * }</pre>
 *
 * <p>A reading outside the range cannot be proven: {@link #prove} then answers empty, and the
 * device skips it (the regulator sees the gap in the sequence numbers). The value and the
 * blinding never leave this object; the record carries only the commitment and the proof.
 *
 * <p><b>One prover per thread.</b> It owns a Wasm instance (tens of milliseconds per proof under
 * Chicory); the compiled module is shared.
 */
public final class ReadingProver {

    /** The statement id of the zkedge range statement. */
    public static final String STATEMENT_ID = "zkedge.range.v1";

    private final BulletproofsProver prover;
    private final String gatewayId;

    private ReadingProver(BulletproofsProver prover, String gatewayId) {
        this.prover = prover;
        this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
    }

    /** A prover on the bundled prover module, with blindings from a new {@link SecureRandom}. */
    public static ReadingProver create(String gatewayId) {
        return create(gatewayId, BundledModules.prover(), new SecureRandom());
    }

    /** A prover on {@code module}, with blindings derived from seeds drawn from {@code random}. */
    public static ReadingProver create(String gatewayId, WasmModule module, SecureRandom random) {
        return new ReadingProver(BulletproofsProver.builder().setModule(module).setRandom(random).build(), gatewayId);
    }

    /**
     * Proves that {@code value} lies in {@code range}.
     *
     * @param seq the sensor's sequence number (unsigned 64-bit in a {@code long})
     * @param eventTime when the reading was taken; proven at millisecond precision
     * @return the record, or empty if the value is outside the range
     * @throws InterruptedException if the thread is interrupted while proving
     * @throws IllegalStateException if the prover module is broken (it trapped)
     */
    public Optional<ProofRecord> prove(String sensorId, long seq, Instant eventTime, long value, RangeSpec range)
            throws InterruptedException {
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(range, "range");
        if (!range.contains(value)) {
            return Optional.empty();
        }
        long timeMillis = eventTime.toEpochMilli();
        RangeProofBundle bundle;
        try {
            bundle = prover.proveRange(value, range.min(), range.max(), range.bits(), sensorId, seq, timeMillis);
        } catch (WasmTrapException e) {
            throw new IllegalStateException("the prover module trapped: " + e.getMessage(), e);
        }
        return Optional.of(ProofRecord.newBuilder()
                .setSensorId(sensorId)
                .setGatewayId(gatewayId)
                .setSeq(seq)
                .setEventTime(Instant.ofEpochMilli(timeMillis))
                .setProofSystem(ProofSystem.BULLETPROOFS)
                .setStatementId(STATEMENT_ID)
                .setCommitment(ByteBuffer.wrap(bundle.commitment()))
                .setProof(ByteBuffer.wrap(bundle.proof()))
                .setRange(range.toAvro())
                .setPublicInputs(List.of())
                .build());
    }

    /** The gateway id written into every record. */
    public String gatewayId() {
        return gatewayId;
    }
}
