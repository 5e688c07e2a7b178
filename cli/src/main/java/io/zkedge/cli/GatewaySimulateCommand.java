package io.zkedge.cli;

import io.zkedge.gateway.GatewayCounters;
import io.zkedge.gateway.ProofGateway;
import io.zkedge.gateway.sim.FaultFractions;
import io.zkedge.gateway.sim.RecordKind;
import io.zkedge.gateway.sim.RecordSink;
import io.zkedge.gateway.sim.SensorSimulator;
import io.zkedge.gateway.sim.SimulationStats;
import io.zkedge.gateway.sim.ValueModel;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * {@code gateway simulate}: a gateway with simulated sensors publishing real range proofs to Kafka,
 * a thin shell over {@link SensorSimulator} and {@link ProofGateway} (the zkedge-gateway library).
 */
final class GatewaySimulateCommand implements Command {

    private final ModuleSource modules;

    GatewaySimulateCommand(ModuleSource modules) {
        this.modules = modules;
    }

    @Override
    public String name() {
        return "gateway simulate";
    }

    @Override
    public String summary() {
        return "simulate sensors that publish real range proofs to Kafka (live progress, JSON summary)";
    }

    @Override
    public Set<String> options() {
        return Set.of("bootstrap-servers", "topic", "sensors", "rate", "duration", "readings", "gateway-id",
                "sensor-prefix", "first-seq", "seed", "threads", "out-of-range", "tampered", "replay",
                "out-of-order", "late", "garbage", "progress");
    }

    @Override
    public String help() {
        return String.join("\n",
                "Usage: zkedge gateway simulate --bootstrap-servers HOST:PORT [options]",
                "",
                "Simulates sensors behind one gateway. Each takes a drifting soil-moisture reading (tenths",
                "of a percent, proven against [100, 450] with 16 bits), proves it with the prover module",
                "and publishes the proof record (Avro single-object encoding, key = sensor id) with an",
                "idempotent producer (acks=all). A reading outside the range cannot be proven and is",
                "skipped. Faults can be injected for tests and demos. A live progress line goes to",
                "stderr; a JSON summary to stdout at the end.",
                "",
                "  --bootstrap-servers H:P   Kafka cluster (required)",
                "  --topic NAME              proofs topic (default zkedge.proofs)",
                "  --sensors N               simulated sensors (default 3)",
                "  --rate R                  proofs per second over all sensors (default 3; 0: as fast as possible)",
                "  --duration TIME           how long to run, e.g. 60s, 5m (default 60s)",
                "  --readings N              stop each sensor after N readings instead (default: no limit)",
                "  --gateway-id ID           gateway id in every record (default zkedge-gateway)",
                "  --sensor-prefix P         sensor ids are P001, P002, ... (default sensor-)",
                "  --first-seq S             first sequence number of every sensor (default: the current",
                "                            time in ms, so that a later run continues above an earlier one)",
                "  --seed N                  seed of readings and faults (default 42)",
                "  --threads N               proving threads, one Wasm prover each (default: cores)",
                "  --out-of-range F          chance of an unprovable reading (default 0.02)",
                "  --tampered F              fraction of proofs with a flipped bit (default 0)",
                "  --replay F                fraction of copies of recent records (default 0)",
                "  --out-of-order F          fraction of records swapped with the next (default 0)",
                "  --late F                  fraction of records an hour old (default 0)",
                "  --garbage F               fraction of random non-Avro records (default 0)",
                "  --progress on|off         live progress line on stderr (default on)",
                "",
                "Exit: 0 every record acknowledged, 1 some records failed, 2 usage error, 3 internal error.");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws Exception {
        // kafka-clients logs through slf4j: warnings only, on stderr (stdout carries the summary).
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        String bootstrap = options.string("bootstrap-servers");
        int sensors = positiveInt(options, "sensors", "3");
        double rate = number(options, "rate", "3");
        Duration duration = duration(options.string("duration", "60s"));
        long readings = options.string("readings", null) == null ? 0 : positiveInt(options, "readings", "0");
        boolean progress = !options.string("progress", "on").equals("off");
        FaultFractions faults;
        double outOfRange;
        try {
            faults = new FaultFractions(fraction(options, "tampered"), fraction(options, "replay"),
                    fraction(options, "out-of-order"), fraction(options, "late"), fraction(options, "garbage"));
            outOfRange = Double.parseDouble(options.string("out-of-range", "0.02"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        long firstSeq;
        try {
            firstSeq = Long.parseUnsignedLong(options.string("first-seq", Long.toString(System.currentTimeMillis())));
        } catch (NumberFormatException e) {
            throw new UsageException("--first-seq must be an unsigned 64-bit integer");
        }

        try (ProofGateway gateway = ProofGateway.builder().setBootstrapServers(bootstrap)
                .setTopic(options.string("topic", "zkedge.proofs")).build()) {
            SensorSimulator simulator;
            try {
                simulator = SensorSimulator.builder()
                        .setSensors(sensors)
                        .setRate(rate)
                        .setReadingsPerSensor(readings)
                        .setGatewayId(options.string("gateway-id", "zkedge-gateway"))
                        .setSensorIdPrefix(options.string("sensor-prefix", "sensor-"))
                        .setFirstSeq(firstSeq)
                        .setSeed(Long.parseLong(options.string("seed", "42")))
                        .setThreads(positiveInt(options, "threads", Integer.toString(Runtime.getRuntime().availableProcessors())))
                        .setFaults(faults)
                        .setValueModel(i -> ValueModel.soilMoisture(outOfRange))
                        .setProverModule(modules.prover())
                        .setSink(RecordSink.to(gateway))
                        .build();
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            simulator.start();
            try {
                while (System.nanoTime() < end && simulator.isRunning()) {
                    if (progress) {
                        err.print("\r" + line(start, gateway.counters(), simulator.stats()));
                        err.flush();
                    }
                    Thread.sleep(Math.max(1, Math.min(500, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
                }
            } finally {
                simulator.stop();
            }
            simulator.awaitTermination(Duration.ofMinutes(1));
            gateway.flush();
            GatewayCounters counters = gateway.counters();
            SimulationStats stats = simulator.stats();
            if (progress) {
                err.println("\r" + line(start, counters, stats));
            }
            out.println(summary(counters, stats, (System.nanoTime() - start) / 1e9));
            if (counters.lastError() != null) {
                err.println("zkedge: last send error: " + counters.lastError());
            }
            return counters.errors() == 0 ? ExitCode.OK : ExitCode.INVALID;
        }
    }

    private static String line(long startNanos, GatewayCounters c, SimulationStats s) {
        return String.format(Locale.ROOT, "%4d s  sent %d  acked %d  errors %d  skipped %d  %.1f proofs/s  %.0f ms/proof   ",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos), c.sent(), c.acked(), c.errors(),
                s.skippedOutOfRange(), s.emittedPerSecond(), s.meanProveMillis());
    }

    private static String summary(GatewayCounters c, SimulationStats s, double seconds) {
        StringJoiner kinds = new StringJoiner(",", "{", "}");
        for (RecordKind kind : RecordKind.values()) {
            kinds.add(Json.string(kind.name()) + ":" + s.emitted(kind));
        }
        return "{\"sent\":" + c.sent() + ",\"acked\":" + c.acked() + ",\"errors\":" + c.errors()
                + ",\"readings\":" + s.ticks() + ",\"skipped_out_of_range\":" + s.skippedOutOfRange()
                + ",\"proofs\":" + s.proofs()
                + ",\"mean_prove_ms\":" + String.format(Locale.ROOT, "%.1f", s.meanProveMillis())
                + ",\"seconds\":" + String.format(Locale.ROOT, "%.1f", seconds)
                + ",\"records\":" + kinds + "}";
    }

    private static int positiveInt(Options options, String name, String defaultValue) throws UsageException {
        String v = options.string(name, defaultValue);
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new UsageException("--" + name + " must be at least 1, was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, was '" + v + "'");
        }
    }

    private static double number(Options options, String name, String defaultValue) throws UsageException {
        String v = options.string(name, defaultValue);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, was '" + v + "'");
        }
    }

    private static double fraction(Options options, String name) throws UsageException {
        return number(options, name, "0");
    }

    /** {@code 90}, {@code 90s}, {@code 1500ms}, {@code 5m}, {@code 1h}. */
    static Duration duration(String value) throws UsageException {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
            }
            if (v.endsWith("h")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 3_600_000));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new UsageException("--duration must be a time such as 60s or 5m, was '" + value + "'");
        }
    }
}
