package io.zkedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.bulletproofs.BulletproofsVerifier;
import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.bulletproofs.RangeStatement;
import io.zkedge.bulletproofs.VerificationStatus;
import io.zkedge.embedded.EmbeddedKafkaExtension;
import io.zkedge.gateway.groth16.Groth16Toolchain;
import io.zkedge.groth16.Groth16Modules;
import io.zkedge.groth16.Groth16Proof;
import io.zkedge.groth16.Groth16PublicInputs;
import io.zkedge.groth16.Groth16Statement;
import io.zkedge.groth16.Groth16Status;
import io.zkedge.groth16.Groth16Verifier;
import io.zkedge.groth16.Groth16VerifyingKey;
import io.zkedge.groth16.SensorRangeSignals;
import io.zkedge.groth16.SnarkjsFiles;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code zkedge gateway} against an in-JVM broker, with the bundled prover and verifier modules. */
@EnabledIf(value = "io.zkedge.bulletproofs.BundledModules#available",
        disabledReason = "verifiers/dist/*.wasm were not built when this jar was")
class GatewayCommandITCase {

    static {
        // The broker logs through the same slf4j-simple binding as the command: warnings only.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension()
            .withTopics(2, "proofs-count", "proofs-rate", "proofs-faults", "proofs-groth16");

    @Test
    void shouldSendExactlyCountRecordsThatDecodeAndVerifyAndSkipUnprovableReadings() throws Exception {
        Result result = run("gateway", "--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", "proofs-count",
                "--sensors", "3", "--count", "8", "--rate", "0", "--first-seq", "1", "--seed", "5",
                "--out-of-range", "0.35", "--progress", "lines");

        assertThat(result.exit).as("stderr: %s", result.err).isZero();
        long unprovable = jsonLong(result.out, "unprovable");
        assertThat(unprovable).as("at 35 %% some readings cannot be proven").isPositive();
        assertThat(result.out).contains("\"sent\":8,\"acked\":8,\"errors\":0");
        assertThat(result.err).contains("sent 8  acked 8  errors 0  unprovable " + unprovable);

        List<ProofRecord> records = readCommitted("proofs-count", 8);
        assertThat(records).hasSize(8);
        assertThat(verify(records)).containsOnly(VerificationStatus.VALID);
        // Each unprovable reading used a sequence number that no record carries: the gaps add up.
        Map<String, List<Long>> seqs = records.stream().collect(Collectors.groupingBy(ProofRecord::getSensorId,
                Collectors.mapping(ProofRecord::getSeq, Collectors.toList())));
        assertThat(seqs.values().stream().mapToInt(List::size)).containsExactlyInAnyOrder(3, 3, 2);
        long gaps = seqs.values().stream().mapToLong(s -> s.stream().mapToLong(Long::longValue).max().orElseThrow() - s.size()).sum();
        assertThat(gaps).isEqualTo(unprovable);
    }

    @Test
    void shouldKeepToTheRate() throws Exception {
        Result result = run("gateway", "--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", "proofs-rate",
                "--sensors", "2", "--count", "6", "--rate", "4", "--out-of-range", "0", "--progress", "off");

        assertThat(result.exit).as("stderr: %s", result.err).isZero();
        assertThat(result.err).isEmpty();
        // Six records at 4/s over two sensors: each sensor's third reading is due 1 s after its first.
        assertThat(Double.parseDouble(jsonValue(result.out, "seconds"))).isGreaterThanOrEqualTo(0.9);
        assertThat(readCommitted("proofs-rate", 6)).hasSize(6);
    }

    @Test
    void shouldPublishInjectedFaultsAsWell() throws Exception {
        Result result = run("gateway", "--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", "proofs-faults",
                "--sensors", "2", "--count", "6", "--rate", "0", "--out-of-range", "0", "--garbage", "0.5",
                "--progress", "off");

        assertThat(result.exit).as("stderr: %s", result.err).isZero();
        assertThat(result.out).contains("\"sent\":6,\"acked\":6");
        assertThat(jsonLong(result.out, "GARBAGE")).isPositive();
    }

    @Test
    @EnabledIf(value = "io.zkedge.gateway.groth16.Groth16Toolchain#nodeAvailable", disabledReason = "node is not on PATH")
    void shouldPublishGroth16ProofsWithSystemGroth16AndTamperedOnesFailThePairingCheck() throws Exception {
        Groth16Toolchain toolchain = Groth16Toolchain.locateOrBuild(Duration.ofMinutes(15));

        Result result = run("gateway", "--system", "groth16", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--topic", "proofs-groth16", "--sensors", "2", "--count", "4", "--rate", "0", "--seed", "3",
                "--tampered", "0.5", "--out-of-range", "0", "--gateway-id", "gw-g16", "--progress", "off");

        assertThat(result.exit).as("stderr: %s", result.err).isZero();
        assertThat(result.out).startsWith("{\"system\":\"groth16\",\"sent\":4,\"acked\":4,\"errors\":0");
        long tampered = jsonLong(result.out, "TAMPERED");
        assertThat(tampered).as("seed 3 tampers some of the four").isBetween(1L, 3L);
        List<ProofRecord> records = readCommitted("proofs-groth16", 4);
        assertThat(records).hasSize(4).allSatisfy(r -> {
            assertThat(r.getProofSystem()).isEqualTo(ProofSystem.GROTH16);
            assertThat(r.getStatementId()).isEqualTo(toolchain.circuitId());
            assertThat(r.getGatewayId()).isEqualTo("gw-g16");
        });
        Groth16VerifyingKey key = SnarkjsFiles.verifyingKey(Files.readString(toolchain.verificationKey()));
        List<Groth16Statement> statements = new ArrayList<>();
        for (ProofRecord r : records) {
            ByteBuffer inputs = ByteBuffer.allocate(32 * r.getPublicInputs().size());
            r.getPublicInputs().forEach(b -> inputs.put(b.duplicate()));
            statements.add(new Groth16Statement(Groth16Proof.fromBytes(bytes(r.getProof())),
                    Groth16PublicInputs.fromBytes(inputs.array(), SensorRangeSignals.N_PUBLIC)));
        }
        List<Groth16Status> statuses = Groth16Verifier.builder().setModule(Groth16Modules.verifier()).build()
                .verify(key, statements);
        assertThat(statuses).containsOnly(Groth16Status.VALID, Groth16Status.INVALID);
        assertThat(statuses.stream().filter(s -> s == Groth16Status.INVALID).count()).isEqualTo(tampered);
    }

    @Test
    void shouldRefuseGroth16WithOneLineWhenTheCircuitBuildIsMissing(@TempDir Path checkout) throws Exception {
        // A checkout with the circuit source but nothing built: no snarkjs, no keys.
        Files.createDirectories(checkout.resolve("circuits"));
        Files.writeString(checkout.resolve("circuits/sensor_range.circom"), "pragma circom 2.0.0;\n");
        Files.createDirectories(checkout.resolve("scripts/lib"));
        Files.writeString(checkout.resolve("scripts/lib/groth16-prover-server.cjs"), "");
        String before = System.setProperty(Groth16Toolchain.ROOT_PROPERTY, checkout.toString());
        Result result;
        try {
            result = run("gateway", "--system", "groth16", "--bootstrap-servers", "127.0.0.1:1", "--count", "1");
        } finally {
            if (before == null) {
                System.clearProperty(Groth16Toolchain.ROOT_PROPERTY);
            } else {
                System.setProperty(Groth16Toolchain.ROOT_PROPERTY, before);
            }
        }

        assertThat(result.exit).as("stderr: %s", result.err).isEqualTo(ExitCode.USAGE);
        assertThat(result.err).startsWith("zkedge: --system groth16: ")
                .contains(Groth16Toolchain.nodeAvailable() ? "scripts/build-circuits.sh" : "node").hasLineCount(1);
        assertThat(result.out).isEmpty();
    }

    @Test
    void shouldExitOneWhenTheBrokerRefusesTheRecords() throws Exception {
        // Every proof record (about 800 bytes) is larger than this topic accepts: each send fails.
        KAFKA.broker().admin().createTopics(List.of(new NewTopic("proofs-too-small", 1, (short) 1)
                .configs(Map.of("max.message.bytes", "200")))).all().get();

        Result result = run("gateway", "--bootstrap-servers", KAFKA.bootstrapServers(), "--topic", "proofs-too-small",
                "--sensors", "1", "--count", "2", "--rate", "0", "--out-of-range", "0", "--progress", "off");

        assertThat(result.exit).as("stderr: %s", result.err).isEqualTo(ExitCode.INVALID);
        assertThat(result.out).contains("\"sent\":2,\"acked\":0,\"errors\":2");
        assertThat(result.err).startsWith("zkedge: 2 of 2 records were not acknowledged; last error: ")
                .contains("RecordTooLarge").hasLineCount(1);
    }

    @Test
    void shouldRefuseBadFlagsWithOneLine() {
        String[][] bad = {
            {"gateway", "--bootstrap-servers", "127.0.0.1:1", "--count", "0"},
            {"gateway", "--bootstrap-servers", "127.0.0.1:1", "--count", "5", "--duration", "3s"},
            {"gateway", "--bootstrap-servers", "127.0.0.1:1", "--duration", "soon"},
            {"gateway", "--bootstrap-servers", "127.0.0.1:1", "--rate", "-1"},
            {"gateway", "--bootstrap-servers", "127.0.0.1:1", "--tampered", "0.7", "--replay", "0.7"},
            {"gateway", "--bootstrap-servers", "127.0.0.1:1", "--out-of-range", "1.5"},
            {"gateway", "--bootstrap-servers", "127.0.0.1:1", "--min", "0", "--max", "300", "--bits", "8"},
            {"gateway", "--bootstrap-servers", "127.0.0.1:1", "--progress", "sideways"},
            {"gateway", "--bootstrap-servers", "127.0.0.1:1", "--system", "snark"},
            {"gateway", "--bootstrap-servers", "127.0.0.1:1", "--system", "groth16", "--bits", "16"},
            {"gateway", "--bootstrap-servers", "127.0.0.1:1", "--first-seq", "9223372036854775808"},
            {"gateway", "--bootstrap-servers", "127.0.0.1:1", "--first-seq", "-1"},
            {"gateway", "--bootstrap-servers", "no-port-here"},
            {"gateway", "--sensors", "2"},
            {"gateway", "simulate", "--bootstrap-servers", "127.0.0.1:1"},
        };
        for (String[] args : bad) {
            Result result = run(args);
            assertThat(result.exit).as("%s -> %s", String.join(" ", args), result.err).isEqualTo(ExitCode.USAGE);
            assertThat(result.err).as(String.join(" ", args)).startsWith("zkedge: ").hasLineCount(1);
            assertThat(result.out).isEmpty();
        }
    }

    private static List<VerificationStatus> verify(List<ProofRecord> records) throws InterruptedException {
        BulletproofsVerifier verifier = BulletproofsVerifier.builder().setModule(BundledModules.verifier()).build();
        return verifier.verify(records.stream().map(r -> new RangeStatement(r.getRange().getBits(), bytes(r.getCommitment()),
                r.getRange().getMin(), r.getRange().getMax(), r.getSensorId(), r.getSeq(),
                r.getEventTime().toEpochMilli(), bytes(r.getProof()))).toList());
    }

    /** Everything in {@code topic}, read_committed; waits for {@code expected}, then a little longer for extras. */
    private static List<ProofRecord> readCommitted(String topic, int expected) throws Exception {
        Properties props = KAFKA.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "cli-it-" + topic);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
        List<ProofRecord> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<ConsumerRecord<String, byte[]>> raw = new ArrayList<>();
            while (raw.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(raw::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(raw::add);
            for (ConsumerRecord<String, byte[]> r : raw) {
                try {
                    ProofRecord record = codec.decode(r.value());
                    assertThat(r.key()).isEqualTo(record.getSensorId());
                    records.add(record);
                } catch (io.zkedge.schemas.UndecodableRecordException e) {
                    records.add(null); // garbage, counted but not a proof record
                }
            }
        }
        return records;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        return b;
    }

    private static String jsonValue(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([0-9.]+)").matcher(json);
        assertThat(m.find()).as("%s in %s", key, json).isTrue();
        return m.group(1);
    }

    private static long jsonLong(String json, String key) {
        return Long.parseLong(jsonValue(json, key));
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Zkedge(ModuleSource.bundled()).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int exit, String out, String err) {}
}
