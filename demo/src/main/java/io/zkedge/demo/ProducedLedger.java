package io.zkedge.demo;

import io.zkedge.gateway.ProofGateway;
import io.zkedge.gateway.sim.RecordKind;
import io.zkedge.gateway.sim.RecordSink;
import io.zkedge.gateway.sim.SimulatedRecord;
import io.zkedge.schemas.ProofSystem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Every record the simulated gateway sent, with where Kafka put it: the ground truth that the
 * demo's accounting compares the job's verdicts and dead letters with.
 */
final class ProducedLedger {

    /** One sent record: what the simulator made it, by which proof system's sensors, and the send. */
    private record Sent(SimulatedRecord record, ProofSystem system, Future<RecordMetadata> future) {}

    /**
     * A record that Kafka acknowledged.
     *
     * @param system the proof system of the sensor that sent it (also for its garbage records)
     */
    record Produced(SourceKey key, RecordKind kind, ProofSystem system, String sensorId, long createTimeMillis) {}

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());

    /** Publishes through the gateway and remembers each send, as one of {@code system}'s sensors. */
    RecordSink sink(ProofGateway gateway, ProofSystem system) {
        return record -> sent.add(new Sent(record, system, gateway.publishRaw(record.sensorId(), record.value())));
    }

    /** Records sent so far. */
    int sentCount() {
        return sent.size();
    }

    /**
     * The acknowledged records, by partition and offset; call after the gateway flushed. Records
     * whose send failed are left out (the gateway counts them as errors).
     */
    Map<SourceKey, Produced> acknowledged() throws InterruptedException {
        List<Sent> copy;
        synchronized (sent) {
            copy = new ArrayList<>(sent);
        }
        Map<SourceKey, Produced> out = new HashMap<>();
        for (Sent s : copy) {
            try {
                RecordMetadata m = s.future().get();
                SourceKey key = new SourceKey(m.partition(), m.offset());
                out.put(key, new Produced(key, s.record().kind(), s.system(), s.record().sensorId(), m.timestamp()));
            } catch (ExecutionException e) {
                // Counted by the gateway as an error; not in Kafka, so nothing to account for.
            }
        }
        return out;
    }

    /** Acknowledged records by kind. */
    static Map<RecordKind, Long> byKind(Map<SourceKey, Produced> produced) {
        Map<RecordKind, Long> counts = new EnumMap<>(RecordKind.class);
        for (Produced p : produced.values()) {
            counts.merge(p.kind(), 1L, Long::sum);
        }
        return counts;
    }
}
