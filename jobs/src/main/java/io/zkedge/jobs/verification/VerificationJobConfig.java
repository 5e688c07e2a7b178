package io.zkedge.jobs.verification;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.zkedge.operators.compliance.ComplianceRule;
import io.zkedge.operators.decode.DecoderSettings;
import io.zkedge.operators.guard.GuardSettings;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.YamlParserUtils;
import org.apache.flink.util.ParameterTool;

/**
 * Every setting of the verification job, as documented {@link ConfigOption}s with defaults
 * (docs/configuration.md lists them).
 *
 * <pre>{@code
 * // --config zkedge.yaml --kafka.bootstrap-servers broker:9092 --verify.batch-size 128
 * VerificationJobConfig config = VerificationJobConfig.fromArgs(args);
 * }</pre>
 *
 * <p>Settings come from an optional file ({@code --config path}: a {@code .properties} file, or a
 * {@code .yaml}/{@code .yml} file whose nested keys are joined with dots), then from command-line
 * flags ({@code --key value}), which win. An unknown key is an error that names it, so that a typo
 * does not silently leave a default in force. Durations take Flink's syntax ({@code 20 ms},
 * {@code 5 s}, {@code 1 min}, {@code 1 h}).
 */
public final class VerificationJobConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The command-line flag that names a settings file. */
    public static final String CONFIG_FILE_FLAG = "config";

    // ---- Kafka ----------------------------------------------------------------------------------

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = key("kafka.bootstrap-servers")
            .stringType().defaultValue("localhost:9092")
            .withDescription("Kafka bootstrap servers, host:port[,host:port...].");

    public static final ConfigOption<String> GROUP_ID = key("kafka.group-id")
            .stringType().defaultValue("zkedge-verification")
            .withDescription("Consumer group of the proofs source; offsets are committed to it on each completed checkpoint.");

    public static final ConfigOption<String> PROOFS_TOPIC = key("topics.proofs")
            .stringType().defaultValue("zkedge.proofs")
            .withDescription("Input: proof records (key = sensorId).");

    public static final ConfigOption<String> VERDICTS_TOPIC = key("topics.verdicts")
            .stringType().defaultValue("zkedge.verdicts")
            .withDescription("Output: signed, chained verdicts (exactly-once).");

    public static final ConfigOption<String> COMPLIANCE_TOPIC = key("topics.compliance")
            .stringType().defaultValue("zkedge.compliance")
            .withDescription("Output: signed, chained compliance records (exactly-once).");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC = key("topics.deadletter")
            .stringType().defaultValue("zkedge.deadletter")
            .withDescription("Output: records that produced no verdict (UNDECODABLE, OVERSIZED, INCONSISTENT), and verdicts too late for their compliance window (LATE).");

    public static final ConfigOption<String> MODULES_TOPIC = key("topics.modules")
            .stringType().defaultValue("zkedge.modules")
            .withDescription("Control topic of signed module announcements: an accepted one replaces the running verifier module without a restart (docs/trust.md).");

    public static final ConfigOption<String> STARTING_OFFSETS = key("kafka.starting-offsets")
            .stringType().defaultValue("committed")
            .withDescription("Where the source starts when it has no checkpoint: 'committed' (the group's committed offsets, else earliest), 'earliest' or 'latest'.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = key("kafka.transactional-id-prefix")
            .stringType().defaultValue("zkedge-verification")
            .withDescription("Prefix of the sinks' transactional ids; each sink appends its topic. Must be unique per job on a cluster.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = key("kafka.transaction-timeout")
            .durationType().defaultValue(Duration.ofMillis(300_000))
            .withDescription("Producer transaction.timeout.ms of the exactly-once sinks. Must not exceed the broker's "
                    + "transaction.max.timeout.ms (15 min by default), and must exceed the checkpoint interval plus the "
                    + "longest checkpoint and recovery, or open transactions are aborted and data is lost.");

    public static final ConfigOption<Duration> SINK_LINGER = key("kafka.sink-linger")
            .durationType().defaultValue(Duration.ofMillis(50))
            .withDescription("Producer linger.ms of the exactly-once sinks: how long a record may wait to share a request with others. Records become visible to read_committed readers only when the checkpoint commits them, and the sinks flush before every commit, so a longer linger than Kafka's 5 ms saves broker requests without delaying what readers see (in the pipeline benchmark, 50 ms took 0.04 cores off the broker and the producers).");

    public static final ConfigOption<MemorySize> SINK_BATCH_SIZE = key("kafka.sink-batch-size")
            .memoryType().defaultValue(MemorySize.parse("256 kb"))
            .withDescription("Producer batch.size of the exactly-once sinks: the most bytes one partition's batch holds before it is sent without waiting for kafka.sink-linger. Under load the verdicts fill Kafka's 16 KiB default before the linger ends, and every extra request costs the producer and the broker; with 256 KiB the linger decides (in the pipeline benchmark the verdict sinks' producer threads went from 0.034 to 0.018 cores, the broker's request threads from 0.078 to 0.065). At most 1 MiB, the broker's default message.max.bytes.");

    // ---- Event time ------------------------------------------------------------------------------

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = key("watermark.max-out-of-orderness")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("How far a proof's event time may lag behind the newest one seen by the same source subtask (bounded out-of-orderness watermarks).");

    public static final ConfigOption<Duration> IDLENESS = key("watermark.idleness")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("A source subtask without records for this long is idle and stops holding back the watermark.");

    // ---- Decode ----------------------------------------------------------------------------------

    public static final ConfigOption<Integer> MAX_RECORD_BYTES = key("decode.max-record-bytes")
            .intType().defaultValue(64 * 1024)
            .withDescription("Largest proof record accepted; larger ones are dead letters (OVERSIZED).");

    public static final ConfigOption<Duration> MAX_FUTURE_SKEW = key("decode.max-future-skew")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("How far ahead of the clock a proof's event time may be; later ones are dead letters (INCONSISTENT), so that one record cannot drag the watermark into the future.");

    // ---- Verification ----------------------------------------------------------------------------

    public static final ConfigOption<Integer> BATCH_SIZE = key("verify.batch-size")
            .intType().defaultValue(64)
            .withDescription("Most proofs per verification batch (1 to 256).");

    public static final ConfigOption<Duration> BATCH_DELAY = key("verify.batch-delay")
            .durationType().defaultValue(Duration.ofMillis(20))
            .withDescription("Longest a proof waits for its batch to fill (processing time).");

    public static final ConfigOption<Duration> BUFFER_TIMEOUT = key("pipeline.buffer-timeout")
            .durationType().defaultValue(Duration.ofMillis(5))
            .withDescription("Longest a record waits in a half-full network buffer between operators on the proofs' path. Flink's default (100 ms) would add up to 100 ms to every verdict at low rates; under load buffers fill first and this does not matter. 0 ms flushes after every record (lowest latency, most overhead). The edges that carry module announcements and dead letters wait up to 100 ms (or this, if longer): they are rare, and dead letters are visible only after the checkpoint that commits them.");

    public static final ConfigOption<String> TRUST_BUNDLE_DIR = key("verifier.trust-bundle-dir")
            .stringType().noDefaultValue()
            .withDescription("Directory of the trust bundle: verifier modules, their signed manifests and the trusted public keys (docs/trust.md). Must exist on every TaskManager. Required unless verifier.allow-bundled-modules is true.");

    public static final ConfigOption<String> TRUSTED_KEYS_DIR = key("verifier.trusted-keys-dir")
            .stringType().noDefaultValue()
            .withDescription("Directory of the Ed25519 public keys (*.pub, PEM) trusted to sign verifier module manifests. Provisioned apart from the bundle; must exist on every TaskManager. Required with a trust bundle.");

    public static final ConfigOption<String> VERIFIER_MODULE = key("verifier.module")
            .stringType().defaultValue("zkedge_bulletproofs_verifier")
            .withDescription("Name of the Bulletproofs verifier module in the trust bundle (modules/<name>.wasm, .manifest, .manifest.sig).");

    public static final ConfigOption<String> GROTH16_MODULE = key("verifier.groth16-module")
            .stringType().defaultValue("zkedge_groth16_verifier")
            .withDescription("Name of the Groth16 verifier module in the trust bundle. Optional there: with it, every signed verification key of the bundle's keys/ (docs/trust.md) is verified under its circuit id; without it, Groth16 records are UNKNOWN_STATEMENT.");

    public static final ConfigOption<Boolean> ALLOW_BUNDLED_MODULES = key("verifier.allow-bundled-modules")
            .booleanType().defaultValue(false)
            .withDescription("DEMO/DEV ONLY: without a trust bundle, verify with the unsigned modules packaged in the job jar.");

    // ---- Guard -----------------------------------------------------------------------------------

    public static final ConfigOption<Integer> REPLAY_WINDOW = key("guard.replay-window")
            .intType().defaultValue(128)
            .withDescription("Sequence numbers tracked below a sensor's highest accepted one (1 to 128); a valid proof further below is a REPLAY.");

    public static final ConfigOption<Duration> MAX_SKEW = key("guard.max-skew")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("A valid proof whose event time is this much older than the sensor's newest accepted proof, or than the watermark, is STALE.");

    // ---- Compliance ------------------------------------------------------------------------------

    public static final ConfigOption<Duration> WINDOW_SIZE = key("compliance.window-size")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("Size of the per-sensor tumbling event-time compliance windows.");

    public static final ConfigOption<Duration> ALLOWED_LATENESS = key("compliance.allowed-lateness")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("How long after its end a window still counts late verdicts; it is emitted once, then. Later verdicts are dead letters (LATE).");

    public static final ConfigOption<Duration> REPORTING_INTERVAL = key("compliance.reporting-interval")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("How often a sensor is expected to report; expected readings per window = window size / interval.");

    public static final ConfigOption<Double> MIN_VALID_RATIO = key("compliance.min-valid-ratio")
            .doubleType().defaultValue(0.95)
            .withDescription("COMPLIANT needs at least this share of the expected readings valid (and few enough invalid).");

    public static final ConfigOption<Long> MAX_INVALID = key("compliance.max-invalid")
            .longType().defaultValue(0L)
            .withDescription("COMPLIANT allows at most this many invalid proofs per window.");

    public static final ConfigOption<Double> MIN_RECEIVED_RATIO = key("compliance.min-received-ratio")
            .doubleType().defaultValue(0.5)
            .withDescription("A window that is not COMPLIANT and received fewer than this share of the expected readings is INSUFFICIENT_DATA rather than NON_COMPLIANT.");

    public static final ConfigOption<Integer> MAX_SILENT_RECORDS = key("compliance.max-silent-records")
            .intType().defaultValue(1000)
            .withDescription("Silent windows (no verdict at all) are reported when the sensor's next window fires: one record per silent window, at most this many per gap; an older remainder of the gap gets one record covering it.");

    // ---- Evidence --------------------------------------------------------------------------------

    public static final ConfigOption<String> SIGNING_KEY_PATH = key("signing.key-path")
            .stringType().noDefaultValue()
            .withDescription("The edge node's Ed25519 private key (PKCS#8 PEM) that signs verdicts and compliance records. Must exist on every TaskManager. Required.");

    public static final ConfigOption<Integer> SEAL_MAX_RECORDS = key("signing.seal-max-records")
            .intType().defaultValue(1024)
            .withDescription("Most verdicts (or compliance records) signed with one Ed25519 signature over their Merkle root (1 to 65536). 1 signs each record alone.");

    public static final ConfigOption<Duration> SEAL_MAX_DELAY = key("signing.seal-max-delay")
            .durationType().defaultValue(Duration.ofMillis(2))
            .withDescription("Longest a chained record waits for its signature (processing time). Under load, one signature then covers every record of a few milliseconds; at low rates records are signed one by one.");

    // ---- Checkpointing ---------------------------------------------------------------------------

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = key("checkpoint.interval")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("Exactly-once checkpoint interval; verdicts become visible to read_committed readers when the checkpoint after them completes.");

    public static final ConfigOption<String> JOB_NAME = key("job.name")
            .stringType().defaultValue("verification")
            .withDescription("Name of the Flink job.");

    /** Every option, in documentation order. */
    public static final List<ConfigOption<?>> OPTIONS = allOptions();

    private final Configuration configuration;

    private VerificationJobConfig(Configuration configuration) {
        this.configuration = configuration;
    }

    /** The defaults, with these settings on top (keys as in the options). */
    public static VerificationJobConfig fromMap(Map<String, String> settings) {
        Set<String> known = new TreeSet<>();
        for (ConfigOption<?> option : OPTIONS) {
            known.add(option.key());
        }
        for (String key : settings.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; known settings: " + known);
            }
        }
        VerificationJobConfig config = new VerificationJobConfig(Configuration.fromMap(settings));
        config.validate();
        return config;
    }

    /**
     * The settings of a command line: {@code --config file} (optional) and {@code --key value}
     * flags, which override the file.
     *
     * @throws IllegalArgumentException naming the setting that is unknown or invalid
     * @throws IOException if the settings file cannot be read
     */
    public static VerificationJobConfig fromArgs(String[] args) throws IOException {
        ParameterTool flags = ParameterTool.fromArgs(args);
        Map<String, String> settings = new LinkedHashMap<>();
        String file = flags.get(CONFIG_FILE_FLAG);
        if (file != null) {
            settings.putAll(readFile(Path.of(file)));
        }
        Map<String, String> overrides = new LinkedHashMap<>(flags.toMap());
        overrides.remove(CONFIG_FILE_FLAG);
        settings.putAll(overrides);
        return fromMap(settings);
    }

    /** The settings of a {@code .properties} or {@code .yaml}/{@code .yml} file, as flat keys. */
    public static Map<String, String> readFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("settings file " + file + " does not exist");
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        Map<String, String> flat = new LinkedHashMap<>();
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            Map<String, Object> yaml;
            try {
                yaml = YamlParserUtils.loadYamlFile(new File(file.toString()));
            } catch (Exception e) {
                throw new IOException("settings file " + file + " is not valid YAML: " + e.getMessage(), e);
            }
            flatten("", yaml, flat);
        } else {
            ParameterTool properties = ParameterTool.fromPropertiesFile(file.toFile());
            flat.putAll(properties.toMap());
        }
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, String> out) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                flatten(key, (Map<String, Object>) nested, out);
            } else if (e.getValue() != null) {
                out.put(key, String.valueOf(e.getValue()));
            }
        }
    }

    /** One check per rule; the message names the setting that is wrong. */
    private void validate() {
        int batchSize = get(BATCH_SIZE);
        if (batchSize < 1 || batchSize > 256) {
            throw new IllegalArgumentException(BATCH_SIZE.key() + " must be in [1, 256], was " + batchSize);
        }
        requirePositive(BATCH_DELAY);
        requirePositive(SEAL_MAX_DELAY);
        requireNotNegative(SINK_LINGER);
        long sinkBatchBytes = get(SINK_BATCH_SIZE).getBytes();
        if (sinkBatchBytes < 1024 || sinkBatchBytes > 1024 * 1024) {
            // Above 1 MiB a full batch would exceed the broker's default message.max.bytes.
            throw new IllegalArgumentException(SINK_BATCH_SIZE.key() + " must be in [1 kb, 1 mb], was " + get(SINK_BATCH_SIZE));
        }
        int sealMaxRecords = get(SEAL_MAX_RECORDS);
        if (sealMaxRecords < 1 || sealMaxRecords > 65536) {
            throw new IllegalArgumentException(SEAL_MAX_RECORDS.key() + " must be in [1, 65536], was " + sealMaxRecords);
        }
        requirePositive(CHECKPOINT_INTERVAL);
        requirePositive(WINDOW_SIZE);
        requirePositive(REPORTING_INTERVAL);
        requireNotNegative(MAX_OUT_OF_ORDERNESS);
        requirePositive(IDLENESS);
        requireNotNegative(ALLOWED_LATENESS);
        requireNotNegative(MAX_SKEW);
        requireNotNegative(MAX_FUTURE_SKEW);
        requireNotNegative(BUFFER_TIMEOUT);
        if (get(MAX_SILENT_RECORDS) < 1) {
            throw new IllegalArgumentException(MAX_SILENT_RECORDS.key() + " must be at least 1, was " + get(MAX_SILENT_RECORDS));
        }
        if (get(TRANSACTION_TIMEOUT).compareTo(get(CHECKPOINT_INTERVAL)) <= 0) {
            throw new IllegalArgumentException(TRANSACTION_TIMEOUT.key() + " (" + get(TRANSACTION_TIMEOUT)
                    + ") must exceed " + CHECKPOINT_INTERVAL.key() + " (" + get(CHECKPOINT_INTERVAL) + ")");
        }
        if (get(TRANSACTION_TIMEOUT).compareTo(Duration.ofMinutes(15)) > 0) {
            // Not fatal for a broker whose transaction.max.timeout.ms was raised, but say so loudly.
            System.err.println("WARNING: " + TRANSACTION_TIMEOUT.key() + " = " + get(TRANSACTION_TIMEOUT)
                    + " exceeds Kafka's default transaction.max.timeout.ms (15 min); the broker will refuse "
                    + "it unless its limit was raised");
        }
        String offsets = get(STARTING_OFFSETS);
        if (!List.of("committed", "earliest", "latest").contains(offsets)) {
            throw new IllegalArgumentException(STARTING_OFFSETS.key() + " must be committed, earliest or latest, was " + offsets);
        }
        if (get(SIGNING_KEY_PATH) == null) {
            throw new IllegalArgumentException(SIGNING_KEY_PATH.key() + " is required: the Ed25519 key that signs verdicts");
        }
        if (!get(ALLOW_BUNDLED_MODULES) && get(TRUST_BUNDLE_DIR) == null) {
            throw new IllegalArgumentException(TRUST_BUNDLE_DIR.key() + " is required (or, for a demo only, set "
                    + ALLOW_BUNDLED_MODULES.key() + " to true)");
        }
        if (get(TRUST_BUNDLE_DIR) != null && get(TRUSTED_KEYS_DIR) == null) {
            throw new IllegalArgumentException(TRUSTED_KEYS_DIR.key() + " is required with " + TRUST_BUNDLE_DIR.key());
        }
        // The settings records check their own ranges; build them once so errors surface here.
        try {
            guardSettings();
            decoderSettings();
            complianceRule();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid settings: " + e.getMessage(), e);
        }
    }

    private void requirePositive(ConfigOption<Duration> option) {
        Duration d = get(option);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(option.key() + " must be positive, was " + d);
        }
    }

    private void requireNotNegative(ConfigOption<Duration> option) {
        Duration d = get(option);
        if (d.isNegative()) {
            throw new IllegalArgumentException(option.key() + " must not be negative, was " + d);
        }
    }

    /** The value of an option, or its default. */
    public <T> T get(ConfigOption<T> option) {
        return configuration.get(option);
    }

    /** A copy of this configuration with one option changed. */
    public <T> VerificationJobConfig with(ConfigOption<T> option, T value) {
        Configuration copy = new Configuration(configuration);
        copy.set(option, value);
        VerificationJobConfig config = new VerificationJobConfig(copy);
        config.validate();
        return config;
    }

    /** The settings as a Flink configuration. */
    public Configuration toConfiguration() {
        return new Configuration(configuration);
    }

    /** The decode stage's limits. */
    public DecoderSettings decoderSettings() {
        return new DecoderSettings(get(MAX_RECORD_BYTES), get(MAX_FUTURE_SKEW));
    }

    /** The replay guard's settings. */
    public GuardSettings guardSettings() {
        return new GuardSettings(get(REPLAY_WINDOW), get(MAX_SKEW));
    }

    /** The compliance rule. */
    public ComplianceRule complianceRule() {
        return new ComplianceRule(get(WINDOW_SIZE), get(REPORTING_INTERVAL), get(MIN_VALID_RATIO),
                get(MAX_INVALID), get(MIN_RECEIVED_RATIO));
    }

    /** The settings that differ from the defaults, for the log (the key path is shown, never a key). */
    @Override
    public String toString() {
        return "VerificationJobConfig" + new java.util.TreeMap<>(configuration.toMap());
    }

    private static List<ConfigOption<?>> allOptions() {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field field : VerificationJobConfig.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                try {
                    options.add((ConfigOption<?>) Objects.requireNonNull(field.get(null)));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Collections.unmodifiableList(options);
    }
}
