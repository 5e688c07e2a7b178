package io.zkedge.gateway;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.wasm.WasmModule;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * For gateway code that already has readings: proves each one with the Wasm prover module
 * ({@link ReadingProver}) and publishes the proof record through a {@link ProofGateway}.
 *
 * <pre>{@code
 * try (ProofGateway gateway = ProofGateway.builder().setBootstrapServers("kafka-1:9092").build()) {
 *     SensorReadingPublisher publisher = SensorReadingPublisher.create(gateway, "gateway-7");
 *     RangeSpec range = new RangeSpec(100, 450, 16);          // the sensor's calibrated range
 *     Optional<CompletableFuture<RecordMetadata>> ack =
 *             publisher.publishReading("soil-7", seq, Instant.now(), reading, range);
 *     if (ack.isEmpty()) {
 *         // out of range: nothing was sent; the gap in seq shows it to the regulator
 *     }
 *     ack.ifPresent(f -> f.whenComplete((metadata, error) -> { ... }));   // acks=all reached, or failed
 * }
 * }</pre>
 *
 * <p>Proving runs in the calling thread (tens of milliseconds under Chicory) and the send is
 * asynchronous. Thread-safe: each calling thread gets its own prover (a Wasm instance, kept for
 * the thread's life) over one shared compiled module, so a fixed pool of gateway threads is the
 * right shape. The value and the blinding never leave the prover; the record carries only the
 * commitment and the proof.
 */
public final class SensorReadingPublisher {

    private final ProofGateway gateway;
    private final ThreadLocal<ReadingProver> provers;
    private final LongAdder unprovable = new LongAdder();

    private SensorReadingPublisher(ProofGateway gateway, String gatewayId, WasmModule proverModule) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(proverModule, "proverModule");
        if (gatewayId.isEmpty()) {
            throw new IllegalArgumentException("gatewayId must not be empty");
        }
        this.provers = ThreadLocal.withInitial(
                () -> ReadingProver.create(gatewayId, proverModule, new SecureRandom()));
    }

    /** A publisher with the bundled prover module; {@code gatewayId} goes into every record. */
    public static SensorReadingPublisher create(ProofGateway gateway, String gatewayId) {
        return create(gateway, gatewayId, BundledModules.prover());
    }

    /** A publisher with the given prover module. */
    public static SensorReadingPublisher create(ProofGateway gateway, String gatewayId, WasmModule proverModule) {
        return new SensorReadingPublisher(gateway, gatewayId, proverModule);
    }

    /**
     * Proves that {@code value} lies in {@code range} (bound to sensor id, sequence number and
     * event time) and publishes the proof record, keyed by sensor id.
     *
     * @param seq the sensor's sequence number (unsigned 64-bit in a {@code long}); never reuse one
     * @param eventTime when the reading was taken; proven at millisecond precision
     * @return empty if the value is outside the range: it cannot be proven, and nothing is sent
     *     (counted in {@link #unprovable()}); otherwise a future that completes once every in-sync
     *     replica has the record, or exceptionally if the send failed
     * @throws InterruptedException if the thread is interrupted while proving
     * @throws IllegalStateException if the prover module is broken, or the gateway is closed
     */
    public Optional<CompletableFuture<RecordMetadata>> publishReading(
            String sensorId, long seq, Instant eventTime, long value, RangeSpec range) throws InterruptedException {
        Objects.requireNonNull(eventTime, "eventTime");
        Optional<ProofRecord> record = provers.get().prove(sensorId, seq, eventTime, value, range);
        if (record.isEmpty()) {
            unprovable.increment();
            return Optional.empty();
        }
        return Optional.of(gateway.publish(record.get()));
    }

    /** Readings refused so far because they lay outside their range. */
    public long unprovable() {
        return unprovable.sum();
    }

    /** The gateway records go through (its {@link ProofGateway#counters()} follow the sends). */
    public ProofGateway gateway() {
        return gateway;
    }
}
