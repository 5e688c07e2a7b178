package io.zkedge.demo;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.embedded.EmbeddedKafkaBroker;
import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.evidence.EvidenceVerifier;
import io.zkedge.gateway.GatewayCounters;
import io.zkedge.gateway.ProofGateway;
import io.zkedge.gateway.RangeSpec;
import io.zkedge.gateway.ReadingProver;
import io.zkedge.gateway.groth16.Groth16ReadingProver;
import io.zkedge.gateway.groth16.Groth16SetupException;
import io.zkedge.gateway.groth16.Groth16Toolchain;
import io.zkedge.gateway.sim.SensorSimulator;
import io.zkedge.gateway.sim.SensorSimulatorBuilder;
import io.zkedge.gateway.sim.SimulationStats;
import io.zkedge.gateway.sim.ValueModel;
import io.zkedge.groth16.Groth16FormatException;
import io.zkedge.groth16.Groth16Modules;
import io.zkedge.groth16.SnarkjsFiles;
import io.zkedge.jobs.verification.VerificationJob;
import io.zkedge.jobs.verification.VerificationJobConfig;
import io.zkedge.operators.verify.TrustBundleVerifierProvider;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.ManifestSigner;
import io.zkedge.trust.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The embedded demo behind {@code ./zkedge demo}: everything in this JVM.
 *
 * <ol>
 *   <li>a Kafka broker (KRaft, {@link EmbeddedKafkaBroker}) with the five zkedge topics;</li>
 *   <li>keys made for this run: the edge node's Ed25519 signing key, and a module-signing key that
 *       signs the bundled verifier modules (Bulletproofs, and Groth16 with the sensor circuit's
 *       verification key) into a trust bundle, so the job loads its verifiers the production way
 *       (a signed manifest checked against a trusted key);</li>
 *   <li>a Flink MiniCluster with the web UI and the Prometheus reporter, running
 *       {@link VerificationJob} with its production Kafka ends (read_committed source,
 *       exactly-once sinks);</li>
 *   <li>a simulated gateway ({@link SensorSimulator} through a {@link ProofGateway}): Bulletproofs
 *       sensors, and {@code --groth16-sensors} more that prove with Groth16 through snarkjs
 *       ({@link Groth16ReadingProver}), at the same rate per sensor;</li>
 *   <li>a {@code read_committed} reader of the job's outputs that checks signatures and chains.</li>
 * </ol>
 *
 * <p>After the sending time it waits for the last verdicts (they become readable at the next
 * completed checkpoint), then cancels the job, stops the broker and returns the {@link DemoSummary}.
 */
public final class Demo {

    /** Topics of the run (the job's defaults). */
    static final String PROOFS = "zkedge.proofs";
    static final String VERDICTS = "zkedge.verdicts";
    static final String COMPLIANCE = "zkedge.compliance";
    static final String DEAD_LETTERS = "zkedge.deadletter";
    static final String MODULES = "zkedge.modules";

    private static final String VERIFIER_MODULE = TrustBundleVerifierProvider.DEFAULT_MODULE;
    private static final String GROTH16_MODULE = TrustBundleVerifierProvider.DEFAULT_GROTH16_MODULE;
    private static final String GATEWAY_ID = "demo-gateway";
    /** Sensor ids of the Groth16 sensors: g16-sensor-001, ... (the Bulletproofs ones are sensor-001, ...). */
    static final String GROTH16_SENSOR_PREFIX = "g16-sensor-";

    private final DemoOptions options;
    private final PrintStream out;
    private boolean webUiAnswered;
    /** The Groth16 prover's node, snarkjs and keys; null without Groth16 sensors. */
    private Groth16Toolchain groth16;

    public Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Runs the demo.
     *
     * @throws DemoException if a part does not start (a port in use, the job fails)
     */
    public DemoSummary run() throws Exception {
        checkPortFree("web-port", options.webPort());
        checkPortFree("prometheus-port", options.prometheusPort());
        if (options.kafkaPort() != 0) {
            checkPortFree("kafka-port", options.kafkaPort());
        }
        if (!BundledModules.available()) {
            throw new DemoException("the Wasm modules are not bundled: build verifiers/ (scripts/build-verifiers.sh)");
        }
        if (options.groth16Sensors() > 0) {
            groth16 = groth16Toolchain();
        }
        Path work = Files.createTempDirectory("zkedge-demo");
        // Ctrl-C: the keys of this run go too (the broker's test kit and Flink clean up after themselves).
        Thread cleanup = new Thread(() -> deleteRecursively(work), "zkedge-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            return runIn(work);
        } finally {
            deleteRecursively(work);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    private DemoSummary runIn(Path work) throws Exception {
        String log = System.getProperty("zkedge.demo.log");
        if (log != null) {
            out.println("logs of Kafka, Flink and the job: " + log);
        }
        // snarkjs loads its keys and builds its curve in its own process while the broker and Flink start.
        CompletableFuture<StartedProver> groth16Start = groth16 == null ? null
                : CompletableFuture.supplyAsync(this::startGroth16Prover);
        try {
            return runWithBroker(work, groth16Start);
        } finally {
            if (groth16Start != null) {
                groth16Start.whenComplete((started, e) -> {
                    if (started != null) {
                        started.prover().close();
                    }
                });
            }
        }
    }

    private DemoSummary runWithBroker(Path work, CompletableFuture<StartedProver> groth16Start) throws Exception {
        long t0 = System.nanoTime();
        step("Kafka broker (KRaft, in this JVM)");
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().setPort(options.kafkaPort()).build().start()) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : List.of(PROOFS, VERDICTS, COMPLIANCE, DEAD_LETTERS)) {
                topics.add(new NewTopic(topic, options.parallelism(), (short) 1));
            }
            topics.add(new NewTopic(MODULES, 1, (short) 1));
            kafka.createTopics(topics);
            done(t0, kafka.bootstrapServers() + ", topics " + PROOFS + ", " + VERDICTS + ", " + COMPLIANCE + ", "
                    + DEAD_LETTERS + ", " + MODULES);

            t0 = System.nanoTime();
            step("keys and trust bundle");
            Ed25519PrivateKey edgeKey = Ed25519Keys.generate();
            Path edgeKeyFile = work.resolve("edge-node.key");
            Ed25519Keys.writePrivateKey(edgeKey, edgeKeyFile);
            Ed25519PrivateKey moduleKey = Ed25519Keys.generate();
            Path trustedKeys = Files.createDirectories(work.resolve("trusted-keys"));
            Ed25519Keys.writePublicKey(moduleKey.publicKey(), trustedKeys.resolve(moduleKey.keyId() + TrustStore.KEY_SUFFIX));
            Path bundle = work.resolve("trust-bundle");
            ManifestSigner signer = new ManifestSigner(moduleKey);
            signer.writeModule(bundle, VERIFIER_MODULE, ProofSystem.BULLETPROOFS, 1,
                    resourceBytes(BundledModules.VERIFIER_RESOURCE), Instant.now());
            String signed = "module";
            if (groth16 != null) {
                // As a deployment provisions Groth16: the verifier module and the circuit's verifying key.
                signer.writeModule(bundle, GROTH16_MODULE, ProofSystem.GROTH16, 1,
                        resourceBytes(Groth16Modules.VERIFIER_RESOURCE), Instant.now());
                signer.writeVerificationKey(bundle, ProofSystem.GROTH16, TrustBundleVerifierProvider.VERIFICATION_KEY_FORMAT,
                        groth16KeyBytes(), Instant.now());
                signed = "modules and circuit " + groth16.circuitId().substring(0, 16) + "… key";
            }
            done(t0, "edge key " + edgeKey.keyId().substring(0, 16) + "…, " + signed + " signed by "
                    + moduleKey.keyId().substring(0, 16) + "…");

            VerificationJobConfig config = jobConfig(kafka.bootstrapServers(), edgeKeyFile, bundle, trustedKeys);
            t0 = System.nanoTime();
            step("Flink MiniCluster and job \"verification\"");
            JobClient job = startJob(config);
            try {
                done(t0, "web UI http://127.0.0.1:" + options.webPort() + ", Prometheus http://127.0.0.1:"
                        + options.prometheusPort() + "/metrics, parallelism " + options.parallelism());
                EvidenceVerifier verifier = new EvidenceVerifier(List.of(edgeKey.publicKey()));
                try (OutputTracker tracker = new OutputTracker(kafka.bootstrapServers(), VERDICTS, COMPLIANCE,
                        DEAD_LETTERS, verifier)) {
                    tracker.start();
                    return runGateway(kafka.bootstrapServers(), tracker, job, groth16Start);
                }
            } finally {
                stopJob(job);
            }
        }
    }

    private DemoSummary runGateway(String bootstrapServers, OutputTracker tracker, JobClient job,
            CompletableFuture<StartedProver> groth16Start) throws Exception {
        out.printf(Locale.ROOT, "gateway: %d sensors, %.1f proofs/s, %s for %d s (interval per sensor %.1f s)%n",
                options.sensors(), options.rate(), faultsText(), options.duration().toSeconds(),
                options.reportingInterval().toMillis() / 1000.0);
        if (groth16 != null) {
            out.printf(Locale.ROOT, "         and %d Groth16 sensor%s (%s001...), %.1f proofs/s, the same faults%n",
                    options.groth16Sensors(), options.groth16Sensors() == 1 ? "" : "s", GROTH16_SENSOR_PREFIX,
                    options.groth16Rate());
        }
        ProducedLedger ledger = new ProducedLedger();
        Map<ProofSystem, SimulationStats> stats = new EnumMap<>(ProofSystem.class);
        GatewayCounters counters;
        Duration sendingTime;
        ProgressLine progress = new ProgressLine(out, options.progress());
        try (ProofGateway gateway = ProofGateway.builder().setBootstrapServers(bootstrapServers).build();
                Groth16ReadingProver groth16Prover = groth16Start != null ? awaitGroth16Prover(groth16Start) : null) {
            Map<ProofSystem, SensorSimulator> simulators = new EnumMap<>(ProofSystem.class);
            simulators.put(ProofSystem.BULLETPROOFS, simulator(ledger, gateway, ProofSystem.BULLETPROOFS)
                    .setSensors(options.sensors())
                    .setRate(options.rate())
                    .setThreads(options.proverThreads())
                    .setSeed(options.seed())
                    .build());
            if (groth16Prover != null) {
                simulators.put(ProofSystem.GROTH16, simulator(ledger, gateway, ProofSystem.GROTH16)
                        .setSensors(options.groth16Sensors())
                        .setSensorIdPrefix(GROTH16_SENSOR_PREFIX)
                        .setRate(options.groth16Rate())
                        .setThreads(1) // one snarkjs process makes one proof at a time
                        .setSeed(~options.seed()) // faults and readings of their own
                        .setGroth16Prover(groth16Prover)
                        .build());
            }
            warmUpProver();
            long start = System.nanoTime();
            long end = start + options.duration().toNanos();
            simulators.values().forEach(SensorSimulator::start);
            try {
                while (System.nanoTime() < end && simulators.values().stream().anyMatch(SensorSimulator::isRunning)) {
                    progress.update(String.format(Locale.ROOT, "%3d s/%d s  %s", elapsedSeconds(start),
                            options.duration().toSeconds(), live(gateway.counters(), tracker, emittedPerSecond(simulators))));
                    checkJob(job, tracker);
                    Thread.sleep(Math.min(1000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
                }
            } finally {
                simulators.values().forEach(SensorSimulator::stop);
            }
            for (SensorSimulator simulator : simulators.values()) {
                simulator.awaitTermination(Duration.ofMinutes(1));
            }
            sendingTime = Duration.ofNanos(System.nanoTime() - start);
            gateway.flush();
            simulators.forEach((system, simulator) -> stats.put(system, simulator.stats()));
            counters = gateway.counters();
        }
        progress.finish(String.format(Locale.ROOT, "%3d s  %s", sendingTime.toSeconds(),
                live(counters, tracker, stats.values().stream().mapToDouble(SimulationStats::emittedPerSecond).sum())));

        // Drain: verdicts become readable when the checkpoint after them completes.
        Map<SourceKey, ProducedLedger.Produced> produced = ledger.acknowledged();
        long drainStart = System.nanoTime();
        long drainEnd = drainStart + options.drainTimeout().toNanos();
        long answered = tracker.answered(produced.keySet());
        while (answered < produced.size() && System.nanoTime() < drainEnd) {
            progress.update(String.format("waiting for the last answers: %d of %d records answered", answered, produced.size()));
            checkJob(job, tracker);
            Thread.sleep(250);
            answered = tracker.answered(produced.keySet());
        }
        // Anything answered twice shows up within a checkpoint or two more.
        Thread.sleep(Math.min(3000, options.checkpointInterval().toMillis() + 500));
        progress.finish(String.format("answers: %d of %d records answered after %.1f s", tracker.answered(produced.keySet()),
                produced.size(), (System.nanoTime() - drainStart) / 1e9));
        long[] prometheus = scrapePrometheus();
        webUiAnswered = get("http://127.0.0.1:" + options.webPort() + "/jobs/overview") != null;
        return DemoSummary.of(options, sendingTime, stats, counters, produced, tracker, prometheus[0], prometheus[1],
                webUiAnswered);
    }

    /** The settings both kinds of sensors share; their records go through the ledger into Kafka. */
    private SensorSimulatorBuilder simulator(ProducedLedger ledger, ProofGateway gateway, ProofSystem system) {
        return SensorSimulator.builder()
                .setGatewayId(GATEWAY_ID)
                .setFaults(options.faults())
                .setValueModel(i -> ValueModel.soilMoisture(options.outOfRange()))
                .setSink(ledger.sink(gateway, system));
    }

    private static double emittedPerSecond(Map<ProofSystem, SensorSimulator> simulators) {
        return simulators.values().stream().mapToDouble(s -> s.stats().emittedPerSecond()).sum();
    }

    /** The Groth16 toolchain, or a DemoException that says what to run. */
    private Groth16Toolchain groth16Toolchain() {
        String off = "; or run without Groth16 sensors: --groth16-sensors 0";
        if (!Groth16Modules.available()) {
            throw new DemoException("the Groth16 verifier module is not bundled: build verifiers/ "
                    + "(scripts/build-verifiers.sh)" + off);
        }
        try {
            return Groth16Toolchain.locate();
        } catch (Groth16SetupException e) {
            throw new DemoException("--groth16-sensors " + options.groth16Sensors() + ": " + e.getMessage() + off);
        }
    }

    /** The circuit's verifying key in the canonical encoding that the bundle carries (docs/groth16.md). */
    private byte[] groth16KeyBytes() throws IOException {
        try {
            return SnarkjsFiles.verifyingKey(Files.readString(groth16.verificationKey())).bytes();
        } catch (Groth16FormatException e) {
            throw new DemoException(groth16.verificationKey() + " is not a verifying key: " + e.getMessage(), e);
        }
    }

    /** A started Groth16 prover, and how long its start and its first proof took. */
    private record StartedProver(Groth16ReadingProver prover, long startNanos, long firstProofNanos) {}

    /**
     * Starts snarkjs in its Node process (it loads the keys and builds the curve before it answers
     * ready) and makes one throw-away proof, so the Groth16 sensors keep their rate from the start.
     * Runs beside the broker and Flink start-up, so it prints nothing: see {@link #awaitGroth16Prover}.
     */
    private StartedProver startGroth16Prover() {
        long t0 = System.nanoTime();
        Groth16ReadingProver prover;
        try {
            prover = Groth16ReadingProver.create(GATEWAY_ID, groth16, new SecureRandom(),
                    Groth16ReadingProver.DEFAULT_PROOF_TIMEOUT);
        } catch (Groth16SetupException e) {
            throw new DemoException("the Groth16 prover did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while the Groth16 prover started", e);
        }
        long started = System.nanoTime();
        try {
            prover.prove("warm-up", 1, Instant.now(), 300, 100, 450);
        } catch (Exception e) {
            prover.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new DemoException("the Groth16 prover failed its first proof: " + e.getMessage(), e);
        }
        return new StartedProver(prover, started - t0, System.nanoTime() - started);
    }

    /** Waits for the prover started beside the broker and Flink, and says how its start went. */
    private Groth16ReadingProver awaitGroth16Prover(CompletableFuture<StartedProver> start) throws InterruptedException {
        long t0 = System.nanoTime();
        step("Groth16 prover (snarkjs in node, started beside the broker)");
        StartedProver started;
        try {
            started = start.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof DemoException d) {
                throw d;
            }
            throw new DemoException("the Groth16 prover did not start: " + e.getCause(), e.getCause());
        }
        done(t0, String.format(Locale.ROOT, "circuit %s…; node ready in %.1f s, first proof %.0f ms",
                groth16.circuitId().substring(0, 16), started.startNanos() / 1e9, started.firstProofNanos() / 1e6));
        return started.prover();
    }

    /**
     * Proves a few throw-away readings first: the JIT compiles the prover module's code (the first
     * proofs take several times longer), so the sensors keep their rate from the first second.
     */
    private void warmUpProver() throws InterruptedException {
        long t0 = System.nanoTime();
        step("prover warm-up (JIT)");
        ReadingProver prover = ReadingProver.create("warm-up");
        RangeSpec range = new RangeSpec(0, 1000, 16);
        for (int i = 0; i < 20 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(4); i++) {
            prover.prove("warm-up", i + 1, Instant.now(), 500, range);
        }
        long n = System.nanoTime();
        prover.prove("warm-up", 100, Instant.now(), 500, range);
        done(t0, String.format(Locale.ROOT, "one proof now takes %.0f ms", (System.nanoTime() - n) / 1e6));
    }

    private String live(GatewayCounters counters, OutputTracker tracker, double emittedPerSecond) {
        OutputTracker.Snapshot s = tracker.snapshot();
        long valid = s.verdictsByStatus().getOrDefault(io.zkedge.schemas.VerdictStatus.VALID, 0L);
        String groth16Verdicts = groth16 == null ? "" : String.format(Locale.ROOT, ", groth16 %d",
                s.verdictsBySystem().getOrDefault(ProofSystem.GROTH16, 0L));
        return String.format(Locale.ROOT, "sent %d acked %d err %d | verdicts %d (valid %d%s) dead letters %d | "
                        + "windows %d | %.1f proofs/s",
                counters.sent(), counters.acked(), counters.errors(), s.verdicts(), valid, groth16Verdicts,
                s.deadLetters(), s.complianceRecords(), emittedPerSecond);
    }

    private VerificationJobConfig jobConfig(String bootstrapServers, Path edgeKey, Path bundle, Path trustedKeys) {
        Map<String, String> settings = new HashMap<>();
        settings.put(VerificationJobConfig.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        settings.put(VerificationJobConfig.STARTING_OFFSETS.key(), "earliest");
        settings.put(VerificationJobConfig.TRANSACTIONAL_ID_PREFIX.key(), "zkedge-demo-" + Long.toHexString(System.nanoTime()));
        settings.put(VerificationJobConfig.SIGNING_KEY_PATH.key(), edgeKey.toString());
        settings.put(VerificationJobConfig.TRUST_BUNDLE_DIR.key(), bundle.toString());
        settings.put(VerificationJobConfig.TRUSTED_KEYS_DIR.key(), trustedKeys.toString());
        settings.put(VerificationJobConfig.VERIFIER_MODULE.key(), VERIFIER_MODULE);
        settings.put(VerificationJobConfig.GROTH16_MODULE.key(), GROTH16_MODULE);
        settings.put(VerificationJobConfig.CHECKPOINT_INTERVAL.key(), options.checkpointInterval().toMillis() + " ms");
        settings.put(VerificationJobConfig.WINDOW_SIZE.key(), options.window().toMillis() + " ms");
        settings.put(VerificationJobConfig.REPORTING_INTERVAL.key(), options.reportingInterval().toMillis() + " ms");
        settings.put(VerificationJobConfig.MIN_VALID_RATIO.key(), Double.toString(options.minValidRatio()));
        // Short enough that the compliance windows of a short run close before it ends.
        settings.put(VerificationJobConfig.ALLOWED_LATENESS.key(), "2 s");
        settings.put(VerificationJobConfig.MAX_OUT_OF_ORDERNESS.key(), "2 s");
        settings.put(VerificationJobConfig.IDLENESS.key(), "3 s");
        return VerificationJobConfig.fromMap(settings);
    }

    private JobClient startJob(VerificationJobConfig config) throws Exception {
        Map<String, String> flink = new HashMap<>();
        flink.put("rest.port", Integer.toString(options.webPort()));
        flink.put("rest.address", "127.0.0.1");
        flink.put("rest.bind-address", "127.0.0.1");
        flink.put("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        flink.put("metrics.reporter.prom.port", Integer.toString(options.prometheusPort()));
        flink.put("taskmanager.numberOfTaskSlots", Integer.toString(options.parallelism()));
        flink.put("parallelism.default", Integer.toString(options.parallelism()));
        flink.put("taskmanager.memory.managed.size", "64m");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(Configuration.fromMap(flink));
        env.setParallelism(options.parallelism());
        return ProductionJob.startAndAwaitRunning(config, env);
    }

    /** Fails the run early if the job died or the reader stopped, instead of waiting for the drain timeout. */
    private static void checkJob(JobClient job, OutputTracker tracker) throws Exception {
        JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
        if (status.isGloballyTerminalState()) {
            throw new DemoException("the verification job ended: " + status + "; see the log");
        }
        if (tracker.failure() != null) {
            throw new DemoException("the output reader failed: " + tracker.failure(), tracker.failure());
        }
    }

    private void stopJob(JobClient job) {
        try {
            job.cancel().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try {
                    if (job.getJobStatus().get(5, TimeUnit.SECONDS).isGloballyTerminalState()) {
                        break;
                    }
                } catch (Exception e) {
                    break; // the per-job cluster is already gone
                }
                Thread.sleep(100);
            }
            // The per-job MiniCluster shuts down once its job has ended; wait for its result.
            job.getJobExecutionResult().handle((r, e) -> null).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Cancelling an ended job fails; nothing is left to stop.
        }
    }

    /** Samples served by the Prometheus reporter, and how many are zkedge metrics; -1 if it does not answer. */
    private long[] scrapePrometheus() {
        String body = get("http://127.0.0.1:" + options.prometheusPort() + "/metrics");
        if (body == null) {
            return new long[] {-1, -1};
        }
        long[] counts = new long[2];
        body.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
            counts[0]++;
            if (line.contains("zkedge")) {
                counts[1]++;
            }
        });
        return counts;
    }

    /** The body of a 200 answer, or null. */
    private static String get(String url) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String faultsText() {
        var f = options.faults();
        return String.format(Locale.ROOT, "faults: tampered %s, replay %s, out-of-order %s, late %s, garbage %s, "
                        + "out-of-range readings %s",
                pct(f.tampered()), pct(f.replay()), pct(f.outOfOrder()), pct(f.late()), pct(f.garbage()),
                pct(options.outOfRange()));
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    private void step(String what) {
        out.print("starting " + what + " ... ");
        out.flush();
    }

    private void done(long startNanos, String detail) {
        out.printf(Locale.ROOT, "%.1f s%n    %s%n", (System.nanoTime() - startNanos) / 1e9, detail);
    }

    private static long elapsedSeconds(long startNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    }

    private static byte[] resourceBytes(String resource) {
        try (InputStream in = Demo.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DemoException("the verifier module " + resource + " is not bundled", null);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkPortFree(String flag, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new DemoException("port " + port + " is in use; choose another with --" + flag, null);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory: the OS cleans up what is left.
        }
    }
}
