package io.zkedge.gateway.sim;

import io.zkedge.gateway.RangeSpec;
import io.zkedge.schemas.ProofRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * What a simulator worker proves a reading with: the Bulletproofs {@link io.zkedge.gateway.ReadingProver}
 * (one per worker) or the Groth16 {@link io.zkedge.gateway.groth16.Groth16ReadingProver} (one for
 * all workers). Both answer empty for a reading outside its range.
 */
@FunctionalInterface
interface SensorProver {

    Optional<ProofRecord> prove(String sensorId, long seq, Instant eventTime, long value, RangeSpec range)
            throws Exception;
}
