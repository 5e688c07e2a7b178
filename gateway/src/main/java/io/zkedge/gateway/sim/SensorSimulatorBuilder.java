package io.zkedge.gateway.sim;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.gateway.groth16.Groth16ReadingProver;
import io.zkedge.wasm.WasmModule;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Builds a {@link SensorSimulator}.
 *
 * <pre>{@code
 * SensorSimulator simulator = SensorSimulator.builder()
 *         .setSensors(5)
 *         .setRate(20)
 *         .setFaults(FaultFractions.none().withTampered(0.05))
 *         .setSink(RecordSink.to(gateway))                 // required
 *         .build();
 * }</pre>
 *
 * <p>Defaults: 3 sensors named {@code sensor-001}...; gateway id {@code gateway-sim}; 10 proofs/s
 * in total; one worker thread per core; no faults; {@link ValueModel#soilMoisture} with a 2 %
 * chance of out-of-range readings; seed 42; late records one hour old; the system clock; first
 * sequence number 1; no limit on readings or records; Bulletproofs with the bundled prover module.
 *
 * <p>Groth16 instead: {@link #setGroth16Prover} with a prover the caller started (and closes after
 * the run), created with the simulator's gateway id.
 */
public final class SensorSimulatorBuilder {

    private int sensors = 3;
    private String sensorIdPrefix = "sensor-";
    private String gatewayId = "gateway-sim";
    private double rate = 10;
    private int threads = Runtime.getRuntime().availableProcessors();
    private FaultFractions faults = FaultFractions.none();
    private IntFunction<ValueModel> valueModels = index -> ValueModel.soilMoisture(0.02);
    private long seed = 42;
    private Duration lateBy = Duration.ofHours(1);
    private Clock clock = Clock.systemUTC();
    private long firstSeq = 1;
    private long readingsPerSensor;
    private long totalRecords;
    private WasmModule proverModule;
    private Groth16ReadingProver groth16Prover;
    private RecordSink sink;

    SensorSimulatorBuilder() {}

    /** How many sensors; default 3. */
    public SensorSimulatorBuilder setSensors(int sensors) {
        this.sensors = sensors;
        return this;
    }

    /** Sensor ids are this prefix and a 3-digit number from 001; default {@code sensor-}. */
    public SensorSimulatorBuilder setSensorIdPrefix(String sensorIdPrefix) {
        this.sensorIdPrefix = Objects.requireNonNull(sensorIdPrefix, "sensorIdPrefix");
        return this;
    }

    /** The gateway id written into every record; default {@code gateway-sim}. */
    public SensorSimulatorBuilder setGatewayId(String gatewayId) {
        this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
        return this;
    }

    /** Target readings per second over all sensors; 0 means as fast as the provers go. Default 10. */
    public SensorSimulatorBuilder setRate(double rate) {
        this.rate = rate;
        return this;
    }

    /** Worker threads, each with its own prover; default the number of cores. */
    public SensorSimulatorBuilder setThreads(int threads) {
        this.threads = threads;
        return this;
    }

    /** Fault fractions; default none. */
    public SensorSimulatorBuilder setFaults(FaultFractions faults) {
        this.faults = Objects.requireNonNull(faults, "faults");
        return this;
    }

    /** The value model of each sensor, by index from 0 (a new instance per sensor). */
    public SensorSimulatorBuilder setValueModel(IntFunction<ValueModel> valueModels) {
        this.valueModels = Objects.requireNonNull(valueModels, "valueModels");
        return this;
    }

    /** Seed of the sensors' readings and faults; default 42. */
    public SensorSimulatorBuilder setSeed(long seed) {
        this.seed = seed;
        return this;
    }

    /** How far in the past a {@link RecordKind#LATE} record's event time lies; default one hour. */
    public SensorSimulatorBuilder setLateBy(Duration lateBy) {
        this.lateBy = Objects.requireNonNull(lateBy, "lateBy");
        return this;
    }

    /** The clock of event times; default the system clock. */
    public SensorSimulatorBuilder setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Each sensor's first sequence number; default 1. */
    public SensorSimulatorBuilder setFirstSeq(long firstSeq) {
        this.firstSeq = firstSeq;
        return this;
    }

    /** Each sensor stops after this many ticks; 0 (the default) means no limit. */
    public SensorSimulatorBuilder setReadingsPerSensor(long readingsPerSensor) {
        this.readingsPerSensor = readingsPerSensor;
        return this;
    }

    /**
     * The run ends once the sensors have emitted this many records in total, each sensor an even
     * share (unprovable readings do not count: they are not sent); 0 (the default) means no limit.
     */
    public SensorSimulatorBuilder setTotalRecords(long totalRecords) {
        this.totalRecords = totalRecords;
        return this;
    }

    /** The prover module; default {@link BundledModules#prover()}. */
    public SensorSimulatorBuilder setProverModule(WasmModule proverModule) {
        this.proverModule = Objects.requireNonNull(proverModule, "proverModule");
        return this;
    }

    /**
     * Proves with Groth16 (the sensor range circuit, snarkjs) instead of Bulletproofs: every worker
     * shares this prover, which makes one proof at a time. The caller starts it with the
     * simulator's gateway id and closes it after the run. Not together with {@link #setProverModule}.
     */
    public SensorSimulatorBuilder setGroth16Prover(Groth16ReadingProver groth16Prover) {
        this.groth16Prover = Objects.requireNonNull(groth16Prover, "groth16Prover");
        return this;
    }

    /** Where records go, e.g. {@link RecordSink#to}. Required. */
    public SensorSimulatorBuilder setSink(RecordSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
        return this;
    }

    /** @throws IllegalArgumentException naming the first setting that is wrong */
    public SensorSimulator build() {
        check();
        WasmModule module = groth16Prover != null ? null : proverModule != null ? proverModule : BundledModules.prover();
        return new SensorSimulator(new SensorSimulator.Config(sensors, sensorIdPrefix, gatewayId, rate, threads,
                faults, valueModels, seed, lateBy, clock, firstSeq, readingsPerSensor, totalRecords, module,
                groth16Prover, sink));
    }

    /**
     * Checks the settings as {@link #build} does, without loading a prover: for a caller that
     * starts its Groth16 prover only once everything else is known to be right.
     *
     * @return this builder
     * @throws IllegalArgumentException naming the first setting that is wrong
     */
    public SensorSimulatorBuilder check() {
        if (sink == null) {
            throw new IllegalArgumentException("sink must be set, e.g. RecordSink.to(gateway)");
        }
        if (sensors < 1 || sensors > 999_999) {
            throw new IllegalArgumentException("sensors must be in 1..999999, was " + sensors);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0 (0: as fast as possible), was " + rate);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (lateBy.isNegative() || lateBy.isZero()) {
            throw new IllegalArgumentException("lateBy must be positive, was " + lateBy);
        }
        if (readingsPerSensor < 0) {
            throw new IllegalArgumentException("readingsPerSensor must be >= 0 (0: no limit), was " + readingsPerSensor);
        }
        if (totalRecords < 0) {
            throw new IllegalArgumentException("totalRecords must be >= 0 (0: no limit), was " + totalRecords);
        }
        if (sensorIdPrefix.isEmpty() || gatewayId.isEmpty()) {
            throw new IllegalArgumentException("sensorIdPrefix and gatewayId must not be empty");
        }
        if (firstSeq < 0) {
            // The records' seq is an Avro long; the verification job dead-letters a negative one.
            throw new IllegalArgumentException("firstSeq must be in 0..2^63-1, was " + Long.toUnsignedString(firstSeq));
        }
        if (groth16Prover != null) {
            if (proverModule != null) {
                throw new IllegalArgumentException("set a Bulletproofs prover module or a Groth16 prover, not both");
            }
            if (!groth16Prover.gatewayId().equals(gatewayId)) {
                throw new IllegalArgumentException("the Groth16 prover writes gateway id '" + groth16Prover.gatewayId()
                        + "' but the simulator's is '" + gatewayId + "'; create the prover with the simulator's");
            }
        }
        return this;
    }
}
