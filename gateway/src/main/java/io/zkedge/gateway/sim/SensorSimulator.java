package io.zkedge.gateway.sim;

import io.zkedge.gateway.RangeSpec;
import io.zkedge.gateway.ReadingProver;
import io.zkedge.gateway.groth16.Groth16ReadingProver;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.wasm.WasmModule;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Simulates sensors behind a gateway: each sensor takes readings from its {@link ValueModel},
 * proves them with the Bulletproofs prover module ({@link ReadingProver}), or with Groth16 and
 * snarkjs ({@link Groth16ReadingProver}, see {@link SensorSimulatorBuilder#setGroth16Prover}), and
 * emits proof records to a {@link RecordSink}, with faults injected at the configured
 * {@link FaultFractions}.
 *
 * <pre>{@code
 * try (ProofGateway gateway = ProofGateway.builder().setBootstrapServers(bootstrap).build()) {
 *     SensorSimulator simulator = SensorSimulator.builder()
 *             .setSensors(5)
 *             .setRate(20)                                   // proofs per second, all sensors
 *             .setFaults(FaultFractions.demo())
 *             .setSink(RecordSink.to(gateway))
 *             .build();
 *     SimulationStats stats = simulator.run(Duration.ofSeconds(60));
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> Proving costs tens of milliseconds under Chicory, so sensors are spread over
 * a few worker threads (by default one per core), each with its own Bulletproofs prover. A Groth16
 * prover is one snarkjs process that every worker shares and that proves one reading at a time
 * (about 0.5 s each here, docs/gateway-groth16.md). A sensor always runs on the same thread, so its
 * records leave in sequence order except where a fault reorders them. When the workers cannot keep
 * up with the rate, the rate drops to what they manage.
 *
 * <p><b>Each tick</b> of a sensor first draws its kind from the fault fractions:
 * <ul>
 *   <li>{@link RecordKind#REPLAY} re-emits one of the sensor's last {@value #REPLAY_MEMORY} good
 *       records unchanged (a {@code GOOD} record if there is none yet);</li>
 *   <li>{@link RecordKind#GARBAGE} emits 16 to 200 random bytes that do not start with the Avro
 *       single-object marker;</li>
 *   <li>any other kind takes a reading and uses the next sequence number. A reading outside the
 *       range cannot be proven: it is skipped, and its sequence number stays unused (the gap is
 *       how a regulator sees it). Otherwise it is proven with event time "now"
 *       ({@link RecordKind#LATE}: now minus the lateness), and {@link RecordKind#TAMPERED} flips
 *       one bit: of the proof (Bulletproofs), or of the commitment, public input 0 (Groth16, so
 *       that the pairing check must catch it: INVALID); {@link RecordKind#OUT_OF_ORDER} holds the
 *       record back until the sensor's next fresh reading has been emitted (one still held when
 *       the sensor stops leaves last, in order, as {@code GOOD}).</li>
 * </ul>
 * Sequence numbers start at {@code firstSeq} (default 1) and increase by one per reading; a sensor
 * stops when they would pass 2^63-1 (the record's {@code seq} is an Avro {@code long}).
 *
 * <p><b>Limits.</b> A run ends when it is stopped, when every sensor has taken
 * {@code readingsPerSensor} readings, or when the sensors have emitted {@code totalRecords}
 * records between them (each sensor its even share; unprovable readings are not records, so a
 * sensor keeps reading until its share is sent).
 *
 * <p><b>Determinism.</b> Each sensor draws its readings and faults from its own {@link Random},
 * seeded from the simulator's seed and the sensor's index: with the same seed and a fixed number
 * of readings per sensor, the same records are emitted (the proofs' blindings still come from a
 * {@link SecureRandom}, so proof bytes differ).
 */
public final class SensorSimulator implements AutoCloseable {

    /** How many of a sensor's recent good records a replay picks from. */
    static final int REPLAY_MEMORY = 8;

    private final Config config;
    private final AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
    private final LongAdder ticks = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder proofs = new LongAdder();
    private final LongAdder proveNanos = new LongAdder();
    private final Map<RecordKind, LongAdder> emitted = new EnumMap<>(RecordKind.class);
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> workers = new ArrayList<>();
    private CountDownLatch finished;
    private long startNanos;
    private long endNanos;

    /** Everything the builder decided; see {@link SensorSimulatorBuilder} for each setting. */
    record Config(
            int sensors,
            String sensorIdPrefix,
            String gatewayId,
            double rate,
            int threads,
            FaultFractions faults,
            IntFunction<ValueModel> valueModels,
            long seed,
            Duration lateBy,
            Clock clock,
            long firstSeq,
            long readingsPerSensor,
            long totalRecords,
            WasmModule proverModule,
            Groth16ReadingProver groth16Prover,
            RecordSink sink) {

        /** The proof system of the records. */
        ProofSystem proofSystem() {
            return groth16Prover != null ? ProofSystem.GROTH16 : ProofSystem.BULLETPROOFS;
        }

        /** A prover for one worker thread: its own Bulletproofs prover, or the shared Groth16 one. */
        SensorProver newProver() {
            if (groth16Prover != null) {
                return groth16Prover::prove;
            }
            return ReadingProver.create(gatewayId, proverModule, new SecureRandom())::prove;
        }
    }

    SensorSimulator(Config config) {
        this.config = config;
        for (RecordKind kind : RecordKind.values()) {
            emitted.put(kind, new LongAdder());
        }
    }

    /** Starts building a simulator; see {@link SensorSimulatorBuilder}. */
    public static SensorSimulatorBuilder builder() {
        return new SensorSimulatorBuilder();
    }

    /** The id of sensor {@code index} (from 0): the prefix and the index from 1, three digits. */
    public String sensorId(int index) {
        return String.format("%s%03d", config.sensorIdPrefix(), index + 1);
    }

    /** The proof system of the records: Groth16 if a Groth16 prover was set, else Bulletproofs. */
    public ProofSystem proofSystem() {
        return config.proofSystem();
    }

    /** The ids of all simulated sensors. */
    public List<String> sensorIds() {
        List<String> ids = new ArrayList<>(config.sensors());
        for (int i = 0; i < config.sensors(); i++) {
            ids.add(sensorId(i));
        }
        return ids;
    }

    /**
     * Starts the worker threads and returns.
     *
     * @throws IllegalStateException if it was started before
     */
    public synchronized void start() {
        if (finished != null) {
            throw new IllegalStateException("the simulator was already started");
        }
        int threads = Math.min(config.threads(), config.sensors());
        finished = new CountDownLatch(threads);
        startNanos = System.nanoTime();
        long periodNanos = config.rate() > 0 ? (long) (config.sensors() * 1e9 / config.rate()) : 0;
        List<List<Sensor>> assignment = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            assignment.add(new ArrayList<>());
        }
        for (int i = 0; i < config.sensors(); i++) {
            // Stagger first readings evenly over one period, so the rate is smooth from the start.
            long firstDue = startNanos + (config.rate() > 0 ? (long) (i * 1e9 / config.rate()) : 0);
            assignment.get(i % threads).add(new Sensor(i, firstDue, periodNanos));
        }
        for (int t = 0; t < threads; t++) {
            List<Sensor> sensors = assignment.get(t);
            Thread worker = new Thread(() -> runWorker(sensors), "zkedge-sim-" + t);
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
    }

    /**
     * Asks the workers to stop after their current reading; each sensor still emits a record it
     * held back. Does not wait: see {@link #awaitTermination}.
     */
    public void stop() {
        stopSignal.countDown();
    }

    /**
     * Waits until every worker has ended (stopped, done with its readings, or failed).
     *
     * @return false if the timeout passed first
     * @throws SimulationException if a worker failed (the prover or the sink threw)
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        CountDownLatch done;
        synchronized (this) {
            done = finished;
        }
        if (done == null) {
            throw new IllegalStateException("the simulator was not started");
        }
        boolean ended = done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        Throwable t = failure.get();
        if (t != null) {
            throw new SimulationException("a simulator worker failed: " + t.getMessage(), t);
        }
        return ended;
    }

    /**
     * Runs for {@code duration} (or until every sensor has taken its readings, if that limit is
     * set), then stops and waits for the workers.
     *
     * @throws SimulationException if a worker failed
     */
    public SimulationStats run(Duration duration) throws InterruptedException {
        start();
        try {
            awaitTermination(duration);
        } finally {
            stop();
        }
        awaitTermination(Duration.ofMinutes(1));
        return stats();
    }

    /** What the simulator has done so far. */
    public SimulationStats stats() {
        Map<RecordKind, Long> counts = new EnumMap<>(RecordKind.class);
        emitted.forEach((kind, adder) -> counts.put(kind, adder.sum()));
        long end;
        synchronized (this) {
            end = finished == null ? startNanos : (finished.getCount() == 0 && endNanos != 0 ? endNanos : System.nanoTime());
        }
        return new SimulationStats(ticks.sum(), skipped.sum(), counts, proofs.sum(), proveNanos.sum(), end - startNanos);
    }

    /** Whether any worker is still running. */
    public synchronized boolean isRunning() {
        return finished != null && finished.getCount() > 0;
    }

    /** Stops and waits up to a minute for the workers; a worker failure is not rethrown here. */
    @Override
    public void close() throws InterruptedException {
        stop();
        CountDownLatch done;
        synchronized (this) {
            done = finished;
        }
        if (done != null) {
            done.await(1, TimeUnit.MINUTES);
        }
    }

    private void runWorker(List<Sensor> sensors) {
        SensorProver prover = config.newProver();
        PriorityQueue<Sensor> due = new PriorityQueue<>(Comparator.comparingLong(s -> s.nextDue));
        due.addAll(sensors);
        try {
            while (!due.isEmpty() && !stopping()) {
                Sensor sensor = due.poll();
                long wait = sensor.nextDue - System.nanoTime();
                if (wait > 0 && stopSignal.await(wait, TimeUnit.NANOSECONDS)) {
                    due.add(sensor); // still to finish below
                    break;
                }
                if (!sensor.done()) {
                    sensor.tick(prover);
                }
                if (sensor.done()) {
                    sensor.finish();
                } else {
                    sensor.scheduleNext();
                    due.add(sensor);
                }
            }
            for (Sensor sensor : due) {
                sensor.finish();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            stop();
        } finally {
            synchronized (this) {
                endNanos = System.nanoTime();
                finished.countDown();
            }
        }
    }

    private boolean stopping() {
        return stopSignal.getCount() == 0;
    }

    private void emit(SimulatedRecord record) {
        config.sink().accept(record);
        emitted.get(record.kind()).increment();
    }

    /** One sensor's state; only its worker thread touches it. */
    private final class Sensor {
        final String id;
        final Random random;
        final ValueModel model;
        final RangeSpec range;
        final long periodNanos;
        final long recordQuota;
        final ArrayDeque<SimulatedRecord> recent = new ArrayDeque<>(REPLAY_MEMORY);
        long nextDue;
        long nextSeq;
        long ticks;
        long records;
        SimulatedRecord held;

        Sensor(int index, long firstDue, long periodNanos) {
            this.id = sensorId(index);
            // Distinct, well-mixed seeds per sensor (the golden-ratio increment of SplittableRandom).
            this.random = new Random(config.seed() + 0x9E3779B97F4A7C15L * (index + 1));
            this.model = config.valueModels().apply(index);
            this.range = model.range();
            this.periodNanos = periodNanos;
            this.nextDue = firstDue;
            this.nextSeq = config.firstSeq();
            // The total split evenly; the first (total mod sensors) sensors take one more.
            long total = config.totalRecords();
            this.recordQuota = total == 0 ? 0
                    : total / config.sensors() + (index < total % config.sensors() ? 1 : 0);
        }

        /** Whether the sensor has taken its readings, made its share of the records, or used up its sequence numbers. */
        boolean done() {
            return nextSeq < 0 // past 2^63-1: no sequence number left that the schema's long can carry
                    || (config.readingsPerSensor() > 0 && ticks >= config.readingsPerSensor())
                    || (config.totalRecords() > 0 && records >= recordQuota);
        }

        void scheduleNext() {
            // Behind schedule (proving is slower than the rate): catch up by at most one period.
            nextDue = Math.max(nextDue + periodNanos, System.nanoTime() - periodNanos);
        }

        void tick(SensorProver prover) throws Exception {
            ticks++;
            SensorSimulator.this.ticks.increment();
            RecordKind kind = config.faults().draw(random);
            if (kind == RecordKind.REPLAY) {
                if (recent.isEmpty()) {
                    kind = RecordKind.GOOD;
                } else {
                    SimulatedRecord original = pickRecent();
                    records++;
                    send(new SimulatedRecord(id, RecordKind.REPLAY, original.seq(), original.eventTime(),
                            original.proofRecord(), original.value()));
                    return;
                }
            }
            if (kind == RecordKind.GARBAGE) {
                records++;
                send(new SimulatedRecord(id, RecordKind.GARBAGE, -1, null, null, garbage()));
                return;
            }
            long value = model.next(random);
            long seq = nextSeq++;
            Instant now = config.clock().instant();
            Instant eventTime = kind == RecordKind.LATE ? now.minus(config.lateBy()) : now;
            long t0 = System.nanoTime();
            Optional<ProofRecord> proven = prover.prove(id, seq, eventTime, value, range);
            if (proven.isEmpty()) {
                skipped.increment();
                return;
            }
            proofs.increment();
            proveNanos.add(System.nanoTime() - t0);
            records++; // sent now, or held back and sent later (at the latest by finish())
            ProofRecord record = proven.get();
            if (kind == RecordKind.TAMPERED) {
                tamper(record);
            }
            if (kind == RecordKind.OUT_OF_ORDER && held != null) {
                kind = RecordKind.GOOD; // one record held back at a time: this one goes out in order
            }
            SimulatedRecord simulated = new SimulatedRecord(id, kind, seq, record.getEventTime(), record, codec.encode(record));
            if (kind == RecordKind.OUT_OF_ORDER) {
                held = simulated;
                return;
            }
            send(simulated);
        }

        /** Emits the record, then, after a fresh reading, the record held back for reordering. */
        void send(SimulatedRecord record) {
            emitRemembering(record);
            boolean freshReading = record.kind() != RecordKind.REPLAY && record.kind() != RecordKind.GARBAGE;
            if (held != null && freshReading) {
                SimulatedRecord late = held;
                held = null;
                emitRemembering(late);
            }
        }

        /**
         * At the end of the run a held record still goes out. Nothing newer follows it, so it is in
         * order after all: it leaves as {@link RecordKind#GOOD}.
         */
        void finish() {
            if (held != null) {
                SimulatedRecord last = held;
                held = null;
                emitRemembering(new SimulatedRecord(last.sensorId(), RecordKind.GOOD, last.seq(), last.eventTime(),
                        last.proofRecord(), last.value()));
            }
        }

        private void emitRemembering(SimulatedRecord record) {
            emit(record);
            if (record.kind() == RecordKind.GOOD || record.kind() == RecordKind.OUT_OF_ORDER) {
                if (recent.size() == REPLAY_MEMORY) {
                    recent.removeFirst();
                }
                recent.addLast(record);
            }
        }

        private SimulatedRecord pickRecent() {
            int pick = random.nextInt(recent.size());
            int i = 0;
            for (SimulatedRecord r : recent) {
                if (i++ == pick) {
                    return r;
                }
            }
            throw new AssertionError("unreachable");
        }

        private byte[] garbage() {
            byte[] bytes = new byte[16 + random.nextInt(185)];
            random.nextBytes(bytes);
            if (bytes[0] == (byte) 0xC3) {
                bytes[0] = 0; // never the single-object marker: garbage, not a record of another schema
            }
            return bytes;
        }

        /**
         * Flips one bit of what the proof vouches for. Bulletproofs: any bit of the proof. Groth16:
         * one of the 64 lowest bits of the commitment (public input 0, 32 bytes big-endian), so the
         * input stays a canonical field element below r (unless it lies within 2^64 of r, odds of
         * about 2^-190) and the pairing check itself must catch it: INVALID. (A flipped bit of a Groth16 proof's coordinates almost always leaves the
         * point off its curve, a MALFORMED that the decoding already catches.)
         */
        private void tamper(ProofRecord record) {
            if (record.getProofSystem() == ProofSystem.GROTH16) {
                List<ByteBuffer> inputs = new ArrayList<>(record.getPublicInputs());
                byte[] commitment = bytes(inputs.get(0));
                int bit = random.nextInt(64);
                commitment[commitment.length - 1 - bit / 8] ^= (byte) (1 << (bit % 8));
                inputs.set(0, ByteBuffer.wrap(commitment));
                record.setPublicInputs(inputs);
            } else {
                byte[] proof = bytes(record.getProof());
                int bit = random.nextInt(proof.length * 8);
                proof[bit / 8] ^= (byte) (1 << (bit % 8));
                record.setProof(ByteBuffer.wrap(proof));
            }
        }

        private static byte[] bytes(ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
    }
}
