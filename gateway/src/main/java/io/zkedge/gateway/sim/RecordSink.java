package io.zkedge.gateway.sim;

import io.zkedge.gateway.ProofGateway;
import java.util.Objects;

/**
 * Where the simulator's records go. Called from several simulator threads at once (each sensor
 * from one thread, in the sensor's order), so implementations must be thread-safe.
 */
@FunctionalInterface
public interface RecordSink {

    void accept(SimulatedRecord record);

    /** Publishes every record's bytes through the gateway, keyed by sensor id. */
    static RecordSink to(ProofGateway gateway) {
        Objects.requireNonNull(gateway, "gateway");
        return record -> gateway.publishRaw(record.sensorId(), record.value());
    }

    /** This sink, then {@code next}. */
    default RecordSink andThen(RecordSink next) {
        Objects.requireNonNull(next, "next");
        return record -> {
            accept(record);
            next.accept(record);
        };
    }
}
