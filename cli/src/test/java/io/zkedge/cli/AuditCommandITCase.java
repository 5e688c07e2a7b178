package io.zkedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.embedded.EmbeddedKafkaExtension;
import io.zkedge.evidence.ChainPosition;
import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.evidence.EvidenceSigner;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code zkedge audit} and {@code zkedge audit export} against an in-JVM broker: exit codes, output, files. */
class AuditCommandITCase {

    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension()
            .withTopics(1, "clean.verdicts", "clean.compliance", "bad.verdicts", "bad.compliance");

    private static final Ed25519PrivateKey EDGE = Ed25519Keys.generate(new SecureRandom());
    private static final Ed25519PrivateKey OTHER = Ed25519Keys.generate(new SecureRandom());

    @TempDir
    static Path dir;

    private static Path edgeKey;
    private static Path otherKey;

    @BeforeAll
    static void writeStreams() throws Exception {
        edgeKey = dir.resolve("edge.pub");
        otherKey = dir.resolve("other.pub");
        Ed25519Keys.writePublicKey(EDGE.publicKey(), edgeKey);
        Ed25519Keys.writePublicKey(OTHER.publicKey(), otherKey);
        List<byte[]> chain = signedChain("s-1", 12);
        produce("clean.verdicts", chain);
        List<byte[]> replayed = new ArrayList<>(chain);
        replayed.add(chain.get(4)); // offset 12 replays the record at offset 4
        produce("bad.verdicts", replayed);
    }

    @Test
    void shouldExitZeroOnACleanStreamAndWriteTheReportFiles() throws Exception {
        Path report = dir.resolve("clean-report");

        Result r = run("audit", "--public-key", otherKey.toString(), "--public-key", edgeKey.toString(),
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--verdicts-topic", "clean.verdicts",
                "--compliance-topic", "clean.compliance", "--report", report.toString());

        assertThat(r.exit).as("stderr: %s", r.err).isZero();
        assertThat(r.out).contains("records      verdicts 12  compliance 0  sensors 1").contains("keys         2 trusted")
                .contains("RESULT       OK");
        assertThat(Files.readString(report.resolve("audit.json"))).contains("\"clean\": true");
        assertThat(Files.readString(report.resolve("audit.html"))).contains("zkedge audit &mdash; OK");
    }

    @Test
    void shouldExitOneAndNameTheReplayedRecordsSensorAndOffset() {
        Result r = run("audit", "--public-key", edgeKey.toString(), "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--verdicts-topic", "bad.verdicts", "--compliance-topic", "bad.compliance");

        assertThat(r.exit).as("stderr: %s", r.err).isEqualTo(1);
        assertThat(r.out).contains("replayed 1").containsPattern("DUPLICATE +s-1 +bad\\.verdicts/0@12 #4")
                .contains("RESULT       FAIL: 1 finding(s)");
    }

    @Test
    void shouldAuditAnExportOfflineWithTheSameResult() {
        Path file = dir.resolve("bad.zka");
        Result export = run("audit", "export", "--bootstrap-servers", KAFKA.bootstrapServers(), "--out", file.toString(),
                "--verdicts-topic", "bad.verdicts", "--compliance-topic", "bad.compliance");
        assertThat(export.exit).as("stderr: %s", export.err).isZero();
        assertThat(export.out).contains("exported 13 records");

        Result r = run("audit", "--public-key", edgeKey.toString(), "--input", file.toString(),
                "--verdicts-topic", "bad.verdicts", "--compliance-topic", "bad.compliance");

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out).containsPattern("DUPLICATE +s-1 +bad\\.verdicts/0@12 #4");
    }

    @Test
    void shouldReportAnUntrustedSignerWhenItsKeyIsNotGiven() {
        Result r = run("audit", "--public-key", otherKey.toString(), "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--verdicts-topic", "clean.verdicts", "--compliance-topic", "clean.compliance");

        assertThat(r.exit).isEqualTo(1);
        assertThat(r.out).contains("unknown-key 12");
    }

    @Test
    void shouldExitTwoWithOneLineForUsageErrorsAndMalformedInput() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.zka"), "not an export");
        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello");
        String kafka = KAFKA.bootstrapServers();

        assertUsage(run("audit", "--bootstrap-servers", kafka), "needs --public-key");
        assertUsage(run("audit", "--public-key", edgeKey.toString()), "exactly one of --bootstrap-servers and --input");
        assertUsage(run("audit", "--public-key", edgeKey.toString(), "--input", garbage.toString()), "bad magic");
        assertUsage(run("audit", "--public-key", notAKey.toString(), "--input", garbage.toString()), "--public-key");
        assertUsage(run("audit", "--public-key", edgeKey.toString(), "--bootstrap-servers", kafka,
                "--verdicts-topic", "no.such.topic"), "topic no.such.topic does not exist");
        assertUsage(run("audit", "--public-key", edgeKey.toString(), "--bootstrap-servers", kafka,
                "--proofs-topic", "zkedge.proofs"), "--proofs-topic and --dead-letter-topic go together");
        assertUsage(run("audit", "--public-key", edgeKey.toString(), "--input", "x", "--input", "y"), "given twice");
        assertUsage(run("audit", "export", "--bootstrap-servers", kafka), "needs --out");
    }

    private static void assertUsage(Result r, String message) {
        assertThat(r.exit).as("exit of %s", r.err).isEqualTo(ExitCode.USAGE);
        assertThat(r.err).contains(message).endsWith("\n");
        assertThat(r.err.strip().lines().count()).as("one line: %s", r.err).isEqualTo(1);
    }

    /** A chain of verdicts of one sensor, signed as the job signs them. */
    private static List<byte[]> signedChain(String sensor, int n) {
        EvidenceSigner signer = new EvidenceSigner(EDGE);
        AvroCodec<Verdict> codec = AvroCodec.forVerdicts();
        ChainPosition position = ChainPosition.genesis();
        List<byte[]> out = new ArrayList<>();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int seq = 0; seq < n; seq++) {
            Verdict v = Verdict.newBuilder().setSensorId(sensor).setGatewayId("gw").setSeq(seq)
                    .setEventTime(t0.plusSeconds(seq)).setProofSystem(ProofSystem.BULLETPROOFS)
                    .setStatementId("range").setStatus(VerdictStatus.VALID).setReason(null)
                    .setProofDigest(ByteBuffer.wrap(new byte[32])).setModuleSha256(ByteBuffer.wrap(new byte[32]))
                    .setBatchId("b").setVerifiedAt(t0.plusSeconds(seq)).setSourcePartition(0).setSourceOffset(seq)
                    .setChainIndex(0).setPrevHash(ByteBuffer.allocate(32)).setSignerKeyId("")
                    .setSignature(ByteBuffer.allocate(0)).build();
            position = signer.signChained(v, position);
            out.add(codec.encode(v));
        }
        return out;
    }

    private static void produce(String topic, List<byte[]> values) throws Exception {
        Properties props = KAFKA.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] v : values) {
                p.send(new ProducerRecord<>(topic, 0, null, v)).get();
            }
        }
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Zkedge(ModuleSource.bundled()).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
