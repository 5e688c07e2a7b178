package io.zkedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.bulletproofs.BulletproofsVerifier;
import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.bulletproofs.RangeStatement;
import io.zkedge.bulletproofs.VerificationStatus;
import io.zkedge.embedded.EmbeddedKafkaExtension;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
            .withTopics(2, "proofs-count", "proofs-rate", "proofs-faults");

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
