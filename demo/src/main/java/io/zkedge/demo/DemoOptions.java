package io.zkedge.demo;

import io.zkedge.gateway.sim.FaultFractions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The settings of {@code ./zkedge demo}, each a {@code --flag value} with a default.
 *
 * @param duration how long the simulated gateway sends proofs
 * @param sensors simulated sensors
 * @param rate proofs per second over all sensors; each sensor reports every {@code sensors / rate} s
 * @param proverThreads gateway threads proving (each proof costs tens of ms)
 * @param faults fault fractions of the simulated gateway
 * @param outOfRange chance of a reading outside its range (not provable: skipped, a sequence gap)
 * @param seed seed of readings and faults
 * @param kafkaPort the broker's client port on 127.0.0.1; 0: any free port
 * @param webPort the Flink web UI and REST port
 * @param prometheusPort the Prometheus reporter's port
 * @param parallelism Flink parallelism, also the partitions of every topic
 * @param window compliance window size
 * @param minValidRatio compliance rule: share of expected readings that must be valid
 * @param checkpointInterval exactly-once checkpoint interval (verdicts become readable at each)
 * @param drainTimeout how long to wait, after the gateway stops, for the last verdicts
 * @param progress whether to show the live progress line
 * @param groth16Sensors sensors that prove with Groth16 (snarkjs, about 2 proofs/s here) besides the
 *     {@code sensors} Bulletproofs ones, each reporting as often as those; 0: Bulletproofs only
 */
public record DemoOptions(
        Duration duration,
        int sensors,
        double rate,
        int proverThreads,
        FaultFractions faults,
        double outOfRange,
        long seed,
        int kafkaPort,
        int webPort,
        int prometheusPort,
        int parallelism,
        Duration window,
        double minValidRatio,
        Duration checkpointInterval,
        Duration drainTimeout,
        boolean progress,
        int groth16Sensors) {

    /**
     * The defaults: a 90-second run of 4 Bulletproofs sensors and 1 Groth16 sensor at one proof per
     * second each, with a few faults of each kind.
     */
    public static DemoOptions defaults() {
        return new DemoOptions(
                Duration.ofSeconds(90),
                4,
                4.0,
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())),
                new FaultFractions(0.01, 0.01, 0.02, 0.005, 0.005),
                0.01,
                42,
                0,
                8081,
                9249,
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())),
                Duration.ofSeconds(20),
                0.9,
                Duration.ofSeconds(2),
                Duration.ofSeconds(60),
                true,
                1);
    }

    /** Proofs per second of the Groth16 sensors together: each reports as often as a Bulletproofs one. */
    public double groth16Rate() {
        return groth16Sensors * rate / sensors;
    }

    /** Seconds between two readings of one sensor: the job's {@code compliance.reporting-interval}. */
    public Duration reportingInterval() {
        return Duration.ofMillis(Math.max(1, Math.round(sensors * 1000.0 / rate)));
    }

    /** The flags, in help order: name, value placeholder, description, and how each sets its field. */
    private static final Map<String, Flag> FLAGS = flags();

    private record Flag(String value, String help, BiFunction<DemoOptions, String, DemoOptions> apply) {}

    private static Map<String, Flag> flags() {
        Map<String, Flag> f = new LinkedHashMap<>();
        f.put("duration", new Flag("TIME", "how long the gateway sends proofs (e.g. 90s, 2m)",
                (o, v) -> o.with(duration(v), o.sensors, o.rate, o.faults, o.outOfRange)));
        f.put("sensors", new Flag("N", "simulated sensors that prove with Bulletproofs",
                (o, v) -> o.with(o.duration, positiveInt("sensors", v), o.rate, o.faults, o.outOfRange)));
        f.put("rate", new Flag("PER_SECOND", "proofs per second over the Bulletproofs sensors",
                (o, v) -> o.with(o.duration, o.sensors, positiveDouble("rate", v), o.faults, o.outOfRange)));
        f.put("groth16-sensors", new Flag("N", "more sensors that prove with Groth16 (snarkjs; 0: none)",
                (o, v) -> new DemoOptions(o.duration, o.sensors, o.rate, o.proverThreads, o.faults, o.outOfRange,
                        o.seed, o.kafkaPort, o.webPort, o.prometheusPort, o.parallelism, o.window, o.minValidRatio,
                        o.checkpointInterval, o.drainTimeout, o.progress, nonNegativeInt("groth16-sensors", v))));
        f.put("prover-threads", new Flag("N", "gateway threads that prove Bulletproofs (one Wasm prover each)",
                (o, v) -> new DemoOptions(o.duration, o.sensors, o.rate, positiveInt("prover-threads", v), o.faults,
                        o.outOfRange, o.seed, o.kafkaPort, o.webPort, o.prometheusPort, o.parallelism, o.window,
                        o.minValidRatio, o.checkpointInterval, o.drainTimeout, o.progress, o.groth16Sensors)));
        f.put("tampered", new Flag("FRACTION", "proofs with a flipped bit (INVALID)",
                (o, v) -> o.withFaults(o.faults.withTampered(fraction("tampered", v)))));
        f.put("replay", new Flag("FRACTION", "copies of recent records (REPLAY)",
                (o, v) -> o.withFaults(o.faults.withReplay(fraction("replay", v)))));
        f.put("out-of-order", new Flag("FRACTION", "records swapped with the next one (still VALID)",
                (o, v) -> o.withFaults(o.faults.withOutOfOrder(fraction("out-of-order", v)))));
        f.put("late", new Flag("FRACTION", "records with an event time an hour old (STALE)",
                (o, v) -> o.withFaults(o.faults.withLate(fraction("late", v)))));
        f.put("garbage", new Flag("FRACTION", "random non-Avro bytes (dead letter UNDECODABLE)",
                (o, v) -> o.withFaults(o.faults.withGarbage(fraction("garbage", v)))));
        f.put("out-of-range", new Flag("FRACTION", "readings outside the range: not provable, skipped",
                (o, v) -> o.with(o.duration, o.sensors, o.rate, o.faults, fraction("out-of-range", v))));
        f.put("seed", new Flag("N", "seed of readings and faults",
                (o, v) -> new DemoOptions(o.duration, o.sensors, o.rate, o.proverThreads, o.faults, o.outOfRange,
                        parseLong("seed", v), o.kafkaPort, o.webPort, o.prometheusPort, o.parallelism, o.window,
                        o.minValidRatio, o.checkpointInterval, o.drainTimeout, o.progress, o.groth16Sensors)));
        f.put("kafka-port", new Flag("PORT", "Kafka client port on 127.0.0.1 (0: any free port)",
                (o, v) -> o.withPorts(port("kafka-port", v, true), o.webPort, o.prometheusPort)));
        f.put("web-port", new Flag("PORT", "Flink web UI and REST port",
                (o, v) -> o.withPorts(o.kafkaPort, port("web-port", v, false), o.prometheusPort)));
        f.put("prometheus-port", new Flag("PORT", "Prometheus metrics port",
                (o, v) -> o.withPorts(o.kafkaPort, o.webPort, port("prometheus-port", v, false))));
        f.put("parallelism", new Flag("N", "Flink parallelism and partitions per topic",
                (o, v) -> o.withJob(positiveInt("parallelism", v), o.window, o.minValidRatio, o.checkpointInterval)));
        f.put("window", new Flag("TIME", "compliance window size",
                (o, v) -> o.withJob(o.parallelism, duration(v), o.minValidRatio, o.checkpointInterval)));
        f.put("min-valid-ratio", new Flag("FRACTION", "compliance: share of expected readings that must be valid",
                (o, v) -> o.withJob(o.parallelism, o.window, fraction("min-valid-ratio", v), o.checkpointInterval)));
        f.put("checkpoint-interval", new Flag("TIME", "exactly-once checkpoint interval",
                (o, v) -> o.withJob(o.parallelism, o.window, o.minValidRatio, duration(v))));
        f.put("drain-timeout", new Flag("TIME", "how long to wait for the last verdicts after the gateway stops",
                (o, v) -> new DemoOptions(o.duration, o.sensors, o.rate, o.proverThreads, o.faults, o.outOfRange,
                        o.seed, o.kafkaPort, o.webPort, o.prometheusPort, o.parallelism, o.window, o.minValidRatio,
                        o.checkpointInterval, duration(v), o.progress, o.groth16Sensors)));
        return f;
    }

    /**
     * Parses {@code --flag value} pairs (also {@code --flag=value}) over the defaults;
     * {@code --no-progress} turns the live line off.
     *
     * @throws IllegalArgumentException naming an unknown flag or a bad value
     */
    public static DemoOptions parse(String... args) {
        DemoOptions options = defaults();
        List<String> list = new ArrayList<>(List.of(args));
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            if (arg.equals("--no-progress")) {
                options = options.withProgress(false);
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'; flags are --name value");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= list.size()) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = list.get(++i);
            }
            Flag flag = FLAGS.get(name);
            if (flag == null) {
                throw new IllegalArgumentException("unknown flag --" + name + "; see ./zkedge demo --help");
            }
            options = flag.apply().apply(options, value);
        }
        return options;
    }

    /** The flags and their defaults, for {@code --help}. */
    public static String usage() {
        DemoOptions d = defaults();
        Map<String, String> defaults = Map.ofEntries(
                Map.entry("duration", d.duration.toSeconds() + "s"),
                Map.entry("sensors", Integer.toString(d.sensors)),
                Map.entry("rate", fmt(d.rate)),
                Map.entry("groth16-sensors", Integer.toString(d.groth16Sensors)),
                Map.entry("prover-threads", d.proverThreads + " (cores, at most 2)"),
                Map.entry("tampered", fmt(d.faults.tampered())),
                Map.entry("replay", fmt(d.faults.replay())),
                Map.entry("out-of-order", fmt(d.faults.outOfOrder())),
                Map.entry("late", fmt(d.faults.late())),
                Map.entry("garbage", fmt(d.faults.garbage())),
                Map.entry("out-of-range", fmt(d.outOfRange)),
                Map.entry("seed", Long.toString(d.seed)),
                Map.entry("kafka-port", Integer.toString(d.kafkaPort)),
                Map.entry("web-port", Integer.toString(d.webPort)),
                Map.entry("prometheus-port", Integer.toString(d.prometheusPort)),
                Map.entry("parallelism", d.parallelism + " (cores, at most 2)"),
                Map.entry("window", d.window.toSeconds() + "s"),
                Map.entry("min-valid-ratio", fmt(d.minValidRatio)),
                Map.entry("checkpoint-interval", d.checkpointInterval.toSeconds() + "s"),
                Map.entry("drain-timeout", d.drainTimeout.toSeconds() + "s"));
        StringBuilder s = new StringBuilder();
        s.append("usage: ./zkedge demo [--flag value ...]\n\n")
                .append("Starts an in-JVM Kafka broker, a Flink MiniCluster (web UI, Prometheus metrics), the\n")
                .append("verification job and a simulated gateway; shows live progress; then prints a summary\n")
                .append("and checks that every record got exactly one verdict or dead letter and that every\n")
                .append("signature and chain verifies. Exit code 0 when all checks pass, 1 otherwise.\n")
                .append("Most sensors prove with Bulletproofs (the Wasm prover module); --groth16-sensors more\n")
                .append("prove with Groth16 (snarkjs in Node, the circuit of circuits/; ./zkedge demo builds it\n")
                .append("with scripts/build-circuits.sh the first time), at the same rate per sensor.\n\n");
        for (Map.Entry<String, Flag> e : FLAGS.entrySet()) {
            String left = "  --" + e.getKey() + " " + e.getValue().value();
            s.append(String.format("%-34s %s (default %s)%n", left, e.getValue().help(), defaults.get(e.getKey())));
        }
        s.append(String.format("%-34s %s%n", "  --no-progress", "no live progress line"));
        return s.toString();
    }

    private DemoOptions with(Duration duration, int sensors, double rate, FaultFractions faults, double outOfRange) {
        return new DemoOptions(duration, sensors, rate, proverThreads, faults, outOfRange, seed, kafkaPort, webPort,
                prometheusPort, parallelism, window, minValidRatio, checkpointInterval, drainTimeout, progress,
                groth16Sensors);
    }

    private DemoOptions withFaults(FaultFractions faults) {
        return with(duration, sensors, rate, faults, outOfRange);
    }

    private DemoOptions withPorts(int kafkaPort, int webPort, int prometheusPort) {
        return new DemoOptions(duration, sensors, rate, proverThreads, faults, outOfRange, seed, kafkaPort, webPort,
                prometheusPort, parallelism, window, minValidRatio, checkpointInterval, drainTimeout, progress,
                groth16Sensors);
    }

    private DemoOptions withJob(int parallelism, Duration window, double minValidRatio, Duration checkpointInterval) {
        return new DemoOptions(duration, sensors, rate, proverThreads, faults, outOfRange, seed, kafkaPort, webPort,
                prometheusPort, parallelism, window, minValidRatio, checkpointInterval, drainTimeout, progress,
                groth16Sensors);
    }

    /** A copy with the live progress line on or off. */
    public DemoOptions withProgress(boolean progress) {
        return new DemoOptions(duration, sensors, rate, proverThreads, faults, outOfRange, seed, kafkaPort, webPort,
                prometheusPort, parallelism, window, minValidRatio, checkpointInterval, drainTimeout, progress,
                groth16Sensors);
    }

    /** {@code 90}, {@code 90s}, {@code 1500ms}, {@code 2m}. */
    static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            } else if (v.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
            } else if (v.endsWith("m")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 60_000));
            } else {
                d = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("a duration must be positive, was '" + value + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + value + "' (e.g. 90s, 1500ms, 2m)");
        }
    }

    private static int positiveInt(String name, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new IllegalArgumentException("--" + name + " must be at least 1, was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + v + "'");
        }
    }

    private static int nonNegativeInt(String name, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new IllegalArgumentException("--" + name + " must be 0 or more, was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + v + "'");
        }
    }

    private static double positiveDouble(String name, String v) {
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("--" + name + " must be a positive number, was " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a number, not '" + v + "'");
        }
    }

    private static double fraction(String name, String v) {
        try {
            double d = Double.parseDouble(v.trim());
            if (!(d >= 0 && d <= 1)) {
                throw new IllegalArgumentException("--" + name + " is a fraction in [0, 1], was " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a fraction such as 0.02, not '" + v + "'");
        }
    }

    private static long parseLong(String name, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + v + "'");
        }
    }

    private static int port(String name, String v, boolean zeroAllowed) {
        try {
            int p = Integer.parseInt(v.trim());
            if (p < (zeroAllowed ? 0 : 1) || p > 65535) {
                throw new IllegalArgumentException("--" + name + " must be a port in " + (zeroAllowed ? 0 : 1)
                        + "..65535, was " + p);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a port number, not '" + v + "'");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
