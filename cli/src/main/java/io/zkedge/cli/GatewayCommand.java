package io.zkedge.cli;

import io.zkedge.gateway.GatewayCounters;
import io.zkedge.gateway.ProofGateway;
import io.zkedge.gateway.RangeSpec;
import io.zkedge.gateway.groth16.Groth16ReadingProver;
import io.zkedge.gateway.groth16.Groth16SetupException;
import io.zkedge.gateway.groth16.Groth16Toolchain;
import io.zkedge.gateway.sim.FaultFractions;
import io.zkedge.gateway.sim.RecordKind;
import io.zkedge.gateway.sim.RecordSink;
import io.zkedge.gateway.sim.SensorSimulator;
import io.zkedge.gateway.sim.SensorSimulatorBuilder;
import io.zkedge.gateway.sim.SimulationException;
import io.zkedge.gateway.sim.SimulationStats;
import io.zkedge.gateway.sim.SoilMoistureModel;
import io.zkedge.schemas.ProofSystem;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;

/**
 * {@code gateway}: a gateway whose simulated sensors publish real range proofs to Kafka, a thin
 * shell over {@link SensorSimulator} and {@link ProofGateway} (the zkedge-gateway library).
 * {@code --system groth16} proves with the sensor range circuit through snarkjs
 * ({@link Groth16ReadingProver}, docs/gateway-groth16.md) instead of the Bulletproofs prover module.
 */
final class GatewayCommand implements Command {

    /** Set by the launcher to whether stderr is a terminal ({@code [ -t 2 ]}); Java cannot tell. */
    static final String STDERR_TTY_PROPERTY = "zkedge.stderr.tty";

    /** How long to wait for the cluster to answer, before and during sending (max.block.ms). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    /** How long Ctrl-C waits for the buffered records and the summary. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(30);

    private static final long TTY_REFRESH_MILLIS = 500;
    private static final long LINES_INTERVAL_MILLIS = 5_000;

    private final ModuleSource modules;

    GatewayCommand(ModuleSource modules) {
        this.modules = modules;
    }

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public String summary() {
        return "simulated sensors publish real range proofs (Bulletproofs or Groth16) to Kafka (live progress, JSON summary)";
    }

    @Override
    public Set<String> options() {
        return Set.of("system", "bootstrap-servers", "topic", "sensors", "rate", "duration", "count", "gateway-id",
                "sensor-prefix", "first-seq", "seed", "threads", "min", "max", "bits", "step", "out-of-range",
                "tampered", "replay", "out-of-order", "late", "garbage", "progress");
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge gateway --bootstrap-servers HOST:PORT [--system bulletproofs|groth16] [--rate R]",
                "                      [--duration TIME | --count N] [options]",
                "",
                "A gateway with simulated sensors. Each sensor takes a drifting reading (a seeded random walk",
                "with mean reversion, like soil moisture between irrigations), proves that it lies in",
                "[min, max], and publishes the proof record (Avro single-object encoding, key = sensor id)",
                "with an idempotent producer (acks=all). A reading outside the range cannot be proven: it is",
                "counted as unprovable and nothing is sent for it. Faults can be injected for tests and",
                "demos. Progress goes to stderr; a JSON summary to stdout at the end.",
                "",
                "  --bootstrap-servers H:P   Kafka cluster (required)",
                "  --system S                bulletproofs (default): the bundled Wasm prover module; or",
                "                            groth16: the sensor range circuit (circuits/), proven by snarkjs",
                "                            in one Node process (about 2 proofs/s here). Needs node and",
                "                            scripts/build-circuits.sh run once; a tampered Groth16 record",
                "                            has a flipped bit in its commitment (public input 0)",
                "  --topic NAME              proofs topic (default zkedge.proofs)",
                "  --sensors N               simulated sensors (default 3)",
                "  --rate R                  proofs per second over all sensors (default 3; 0: as fast as possible)",
                "  --duration TIME           how long to run, e.g. 60s, 5m (default 60s)",
                "  --count N                 instead of --duration: stop after sending N records in total",
                "  --gateway-id ID           gateway id in every record (default zkedge-gateway)",
                "  --sensor-prefix P         sensor ids are P001, P002, ... (default sensor-)",
                "  --first-seq S             first sequence number of every sensor, 0 to 2^63-1 (default: the",
                "                            current time in ms, so that a later run continues above an",
                "                            earlier one)",
                "  --seed N                  seed of readings and faults (default 42)",
                "  --threads N               proving threads, one Wasm prover each (default: cores); with",
                "                            groth16 they share the one snarkjs process",
                "  --min A --max B --bits N  the proven range (default 100, 450, 16: soil moisture in tenths",
                "                            of a percent); max - min must be below 2^bits (bulletproofs;",
                "                            groth16 proves any range of 64-bit integers and takes no --bits)",
                "  --step S                  standard deviation of one step of the walk (default 2.0)",
                "  --out-of-range F          chance of an unprovable reading (default 0.02)",
                "  --tampered F              fraction of proofs with a flipped bit (default 0)",
                "  --replay F                fraction of copies of recent records (default 0)",
                "  --out-of-order F          fraction of records swapped with the next (default 0)",
                "  --late F                  fraction of records an hour old (default 0)",
                "  --garbage F               fraction of random non-Avro records (default 0)",
                "  --progress MODE           auto (default: one line updated in place when stderr is a",
                "                            terminal, else a line every 5 s), tty, lines or off",
                "",
                "Exit: 0 every record acknowledged, 1 Kafka unreachable or some sends failed, 2 usage error",
                "(also: groth16 without node or without the circuit build), 3 internal error.");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws Exception {
        KafkaLogging.quiet();
        String bootstrap = options.string("bootstrap-servers");
        ProofSystem system = system(options.string("system", "bulletproofs"));
        if (system == ProofSystem.GROTH16 && options.has("bits")) {
            throw new UsageException("--bits is for Bulletproofs ranges; groth16 proves any [min, max] of 64-bit "
                    + "integers");
        }
        int sensors = options.positiveInt("sensors", "3");
        double rate = options.number("rate", "3");
        if (options.has("count") && options.has("duration")) {
            throw new UsageException("give --duration or --count, not both");
        }
        long count = options.has("count") ? options.positiveLong("count") : 0;
        Duration duration = count > 0 ? null : options.duration("duration", "60s");
        Progress progress = Progress.parse(options.string("progress", "auto"));
        FaultFractions faults;
        RangeSpec range;
        double step;
        double outOfRange;
        try {
            faults = new FaultFractions(options.number("tampered", "0"), options.number("replay", "0"),
                    options.number("out-of-order", "0"), options.number("late", "0"),
                    options.number("garbage", "0"));
            range = new RangeSpec(options.signedLong("min", "100"), options.signedLong("max", "450"),
                    system == ProofSystem.GROTH16 ? 64 : options.integer("bits", "16"));
            step = options.number("step", "2.0");
            outOfRange = options.number("out-of-range", "0.02");
            new SoilMoistureModel(range, step, outOfRange); // checks them once, with a clear message
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        long firstSeq;
        try {
            firstSeq = Long.parseLong(options.string("first-seq", Long.toString(System.currentTimeMillis())));
        } catch (NumberFormatException e) {
            firstSeq = -1;
        }
        if (firstSeq < 0) {
            // The record's seq is an Avro long: the job dead-letters anything above 2^63-1.
            throw new UsageException("--first-seq must be an integer from 0 to " + Long.MAX_VALUE);
        }
        // Before anything starts: a missing node or circuit build is a one-line usage error.
        Groth16Toolchain toolchain = null;
        if (system == ProofSystem.GROTH16) {
            try {
                toolchain = Groth16Toolchain.locate();
            } catch (Groth16SetupException e) {
                throw new UsageException("--system groth16: " + e.getMessage());
            }
        }
        String gatewayId = options.string("gateway-id", "zkedge-gateway");

        ProofGateway gateway;
        try {
            gateway = ProofGateway.builder().setBootstrapServers(bootstrap)
                    .setTopic(options.string("topic", "zkedge.proofs"))
                    .setProducerProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(CONNECT_TIMEOUT.toMillis()))
                    .build();
        } catch (IllegalArgumentException | KafkaException e) {
            // A malformed or unresolvable --bootstrap-servers: the producer refuses it at once.
            throw new UsageException("--bootstrap-servers '" + bootstrap + "': " + rootMessage(e));
        }
        try (gateway) {
            SensorSimulatorBuilder builder = SensorSimulator.builder()
                    .setSensors(sensors)
                    .setRate(rate)
                    .setTotalRecords(count)
                    .setGatewayId(gatewayId)
                    .setSensorIdPrefix(options.string("sensor-prefix", "sensor-"))
                    .setFirstSeq(firstSeq)
                    .setSeed(options.signedLong("seed", "42"))
                    .setThreads(options.positiveInt("threads",
                            Integer.toString(Runtime.getRuntime().availableProcessors())))
                    .setFaults(faults)
                    .setValueModel(i -> new SoilMoistureModel(range, step, outOfRange))
                    .setSink(RecordSink.to(gateway));
            if (system == ProofSystem.BULLETPROOFS) {
                builder.setProverModule(modules.prover());
            }
            try {
                builder.check(); // every setting, before the cluster is asked or the Groth16 prover started
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            // After every flag is checked: a usage error never waits for the cluster.
            try {
                gateway.partitions();
            } catch (KafkaException e) {
                err.println("zkedge: cannot reach topic " + gateway.topic() + " at " + bootstrap + " within "
                        + CONNECT_TIMEOUT.toSeconds() + " s: " + Zkedge.oneLine(rootMessage(e)));
                return ExitCode.INVALID;
            }
            if (system == ProofSystem.BULLETPROOFS) {
                return simulate(builder.build(), gateway, duration, progress, out, err);
            }
            Groth16ReadingProver prover;
            try {
                prover = Groth16ReadingProver.create(gatewayId, toolchain, new SecureRandom(),
                        Groth16ReadingProver.DEFAULT_PROOF_TIMEOUT);
            } catch (Groth16SetupException e) {
                // node did not start snarkjs (a broken install): the set-up, not the cluster, is at fault.
                throw new UsageException("--system groth16: " + e.getMessage());
            }
            try (prover) {
                return simulate(builder.setGroth16Prover(prover).build(), gateway, duration, progress, out, err);
            }
        }
    }

    private static ProofSystem system(String name) throws UsageException {
        return switch (name) {
            case "bulletproofs" -> ProofSystem.BULLETPROOFS;
            case "groth16" -> ProofSystem.GROTH16;
            default -> throw new UsageException("--system must be bulletproofs or groth16, was '" + name + "'");
        };
    }

    private static int simulate(SensorSimulator simulator, ProofGateway gateway, Duration duration, Progress progress,
            PrintStream out, PrintStream err) throws InterruptedException {
        long start = System.nanoTime();
        // Without --duration the run ends when the sensors have sent --count records.
        long runNanos = duration == null ? Long.MAX_VALUE / 4 : duration.toNanos();
        long nextLine = start + TimeUnit.MILLISECONDS.toNanos(LINES_INTERVAL_MILLIS);
        boolean inPlace = progress.inPlace();
        // Ctrl-C: stop the sensors, and let this thread flush and print the summary before the JVM ends.
        CountDownLatch summarized = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            simulator.stop();
            try {
                summarized.await(INTERRUPT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "zkedge-gateway-shutdown");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        simulator.start();
        try {
            return runAndSummarize(simulator, gateway, start, runNanos, nextLine, progress, out, err);
        } finally {
            summarized.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // The JVM is shutting down (Ctrl-C): the hook is running and has just been released.
            }
        }
    }

    private static int runAndSummarize(SensorSimulator simulator, ProofGateway gateway, long start, long runNanos,
            long nextLine, Progress progress, PrintStream out, PrintStream err) throws InterruptedException {
        boolean inPlace = progress.inPlace();
        try {
            while (System.nanoTime() - start < runNanos && simulator.isRunning()) {
                if (inPlace) {
                    err.print("\r" + line(start, gateway.counters(), simulator.stats()) + "\u001b[K");
                    err.flush();
                } else if (progress != Progress.OFF && System.nanoTime() - nextLine >= 0) {
                    err.println(line(start, gateway.counters(), simulator.stats()));
                    nextLine += TimeUnit.MILLISECONDS.toNanos(LINES_INTERVAL_MILLIS);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(runNanos - (System.nanoTime() - start));
                Thread.sleep(Math.max(1, Math.min(inPlace ? TTY_REFRESH_MILLIS : 100, left)));
            }
        } finally {
            simulator.stop();
        }
        String stopped = null;
        try {
            simulator.awaitTermination(Duration.ofMinutes(1));
        } catch (SimulationException e) {
            // A send that threw (the producer's buffer stayed full past max.block.ms, ...) stops the run.
            stopped = e.getMessage();
        }
        gateway.flush();
        GatewayCounters counters = gateway.counters();
        SimulationStats stats = simulator.stats();
        if (progress != Progress.OFF) {
            err.println((inPlace ? "\r" : "") + line(start, counters, stats) + (inPlace ? "\u001b[K" : ""));
        }
        out.println(summary(simulator.proofSystem(), counters, stats, (System.nanoTime() - start) / 1e9));
        if (stopped != null && counters.errors() == 0) {
            throw new IllegalStateException(stopped);
        }
        if (counters.errors() > 0) {
            err.println("zkedge: " + counters.errors() + " of " + counters.sent() + " records were not acknowledged; "
                    + "last error: " + Zkedge.oneLine(counters.lastError()));
            return ExitCode.INVALID;
        }
        return ExitCode.OK;
    }

    /** How progress is shown on stderr. */
    enum Progress {
        TTY, LINES, OFF;

        static Progress parse(String value) throws UsageException {
            switch (value) {
                case "auto":
                    String tty = System.getProperty(STDERR_TTY_PROPERTY);
                    // Without the launcher's word, a console means an interactive terminal.
                    boolean terminal = tty != null ? Boolean.parseBoolean(tty) : System.console() != null;
                    return terminal ? TTY : LINES;
                case "tty":
                    return TTY;
                case "lines":
                    return LINES;
                case "off":
                    return OFF;
                default:
                    throw new UsageException("--progress must be auto, tty, lines or off, was '" + value + "'");
            }
        }

        boolean inPlace() {
            return this == TTY;
        }
    }

    private static String line(long startNanos, GatewayCounters c, SimulationStats s) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT,
                "%4d s  sent %d  acked %d  errors %d  unprovable %d  %.1f records/s  %.0f ms/proof",
                (long) seconds, c.sent(), c.acked(), c.errors(), s.skippedOutOfRange(),
                seconds > 0 ? c.sent() / seconds : 0, s.meanProveMillis());
    }

    private static String summary(ProofSystem system, GatewayCounters c, SimulationStats s, double seconds) {
        StringJoiner kinds = new StringJoiner(",", "{", "}");
        for (RecordKind kind : RecordKind.values()) {
            kinds.add(Json.string(kind.name()) + ":" + s.emitted(kind));
        }
        return "{\"system\":" + Json.string(system.name().toLowerCase(Locale.ROOT))
                + ",\"sent\":" + c.sent() + ",\"acked\":" + c.acked() + ",\"errors\":" + c.errors()
                + ",\"readings\":" + s.ticks() + ",\"unprovable\":" + s.skippedOutOfRange()
                + ",\"proofs\":" + s.proofs()
                + ",\"mean_prove_ms\":" + String.format(Locale.ROOT, "%.1f", s.meanProveMillis())
                + ",\"seconds\":" + String.format(Locale.ROOT, "%.1f", seconds)
                + ",\"records_per_second\":" + String.format(Locale.ROOT, "%.2f", seconds > 0 ? c.sent() / seconds : 0)
                + ",\"records\":" + kinds + "}";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
