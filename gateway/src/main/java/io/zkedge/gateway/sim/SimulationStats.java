package io.zkedge.gateway.sim;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of what a {@link SensorSimulator} has done.
 *
 * @param ticks readings taken or faults drawn, over all sensors
 * @param skippedOutOfRange readings outside their range, which the device could not prove
 * @param emitted records handed to the sink, by kind
 * @param proofs proofs made
 * @param proveNanos time spent proving, summed over threads
 * @param elapsedNanos time since the simulator started
 */
public record SimulationStats(
        long ticks, long skippedOutOfRange, Map<RecordKind, Long> emitted, long proofs, long proveNanos, long elapsedNanos) {

    public SimulationStats {
        EnumMap<RecordKind, Long> copy = new EnumMap<>(RecordKind.class);
        for (RecordKind kind : RecordKind.values()) {
            copy.put(kind, emitted.getOrDefault(kind, 0L));
        }
        emitted = Collections.unmodifiableMap(copy);
    }

    /** Records emitted, all kinds. */
    public long totalEmitted() {
        return emitted.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records of one kind. */
    public long emitted(RecordKind kind) {
        return emitted.get(kind);
    }

    /** Mean milliseconds per proof, or 0 before the first. */
    public double meanProveMillis() {
        return proofs == 0 ? 0 : proveNanos / 1e6 / proofs;
    }

    /** Records emitted per second since the start. */
    public double emittedPerSecond() {
        return elapsedNanos <= 0 ? 0 : totalEmitted() / (elapsedNanos / 1e9);
    }
}
