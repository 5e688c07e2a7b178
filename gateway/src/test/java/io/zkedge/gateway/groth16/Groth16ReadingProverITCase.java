package io.zkedge.gateway.groth16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkedge.gateway.RangeSpec;
import io.zkedge.groth16.Groth16PublicInputs;
import io.zkedge.groth16.SensorRangeSignals;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Groth16 proofs from snarkjs in a Node child process, checked by snarkjs's verifier.
 * Needs node (skipped, with a message, when it is not on PATH) and the circuit build in
 * run/circuits/: when that is missing, it is built once with scripts/build-circuits.sh.
 */
class Groth16ReadingProverITCase {

    private static final Instant NOON = Instant.parse("2026-11-24T12:00:00.123Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Groth16Toolchain toolchain;
    private static Groth16ReadingProver prover;

    @BeforeAll
    static void startProver() throws Exception {
        assumeTrue(Groth16Toolchain.nodeAvailable(),
                "node is not on PATH (nor ZKEDGE_NODE set): the Groth16 prover tests are SKIPPED");
        toolchain = Groth16Toolchain.locateOrBuild(Duration.ofMinutes(15));
        prover = Groth16ReadingProver.create("gw-g16", toolchain, new SecureRandom(), TIMEOUT);
    }

    @AfterAll
    static void stopProver() {
        if (prover != null) {
            prover.close();
        }
    }

    @Test
    void shouldProduceARecordWhoseProofSnarkjsAccepts() throws Exception {
        ProofRecord record = prover.prove("soil-7", 42, NOON, 312, 100, 450).orElseThrow();

        assertThat(record.getSensorId()).isEqualTo("soil-7");
        assertThat(record.getGatewayId()).isEqualTo("gw-g16");
        assertThat(record.getSeq()).isEqualTo(42);
        assertThat(record.getEventTime()).isEqualTo(NOON);
        assertThat(record.getProofSystem()).isEqualTo(ProofSystem.GROTH16);
        assertThat(record.getStatementId()).isEqualTo(committedCircuitId());
        assertThat(record.getCommitment().remaining()).isZero();
        assertThat(record.getRange()).isNull();
        assertThat(record.getProof().remaining()).isEqualTo(256);
        assertThat(record.getPublicInputs()).hasSize(6).allSatisfy(b -> assertThat(b.remaining()).isEqualTo(32));

        // The record survives Avro, and snarkjs accepts the bytes it carries.
        AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
        ProofRecord decoded = codec.decode(codec.encode(record));
        assertThat(snarkjsVerifies(decoded)).isTrue();
    }

    @Test
    void shouldBindTheProofToItsPublicInputs() throws Exception {
        ProofRecord record = prover.prove("soil-7", 43, NOON, 312, 100, 450).orElseThrow();

        List<ByteBuffer> otherSeq = new ArrayList<>(record.getPublicInputs());
        otherSeq.set(SensorRangeSignals.SEQ, ByteBuffer.wrap(word(SensorRangeSignals.seq(44))));
        ProofRecord replayed = ProofRecord.newBuilder(record).setSeq(44).setPublicInputs(otherSeq).build();

        assertThat(snarkjsVerifies(record)).isTrue();
        assertThat(snarkjsVerifies(replayed)).isFalse();
    }

    @Test
    void shouldMapTheRecordFieldsToThePublicInputsAsTheCircuitReadmeSays() throws Exception {
        // Extremes: full i64 range at its low end, u64-max seq, a pre-1970 time, a non-ASCII id.
        Instant before1970 = Instant.ofEpochMilli(-1);
        ProofRecord record = prover.prove("capteur-Zürich-7", -1L, before1970, Long.MIN_VALUE,
                Long.MIN_VALUE, Long.MAX_VALUE).orElseThrow();

        Groth16PublicInputs inputs = publicInputs(record);
        assertThat(SensorRangeSignals.contextMismatch(inputs, "capteur-Zürich-7", -1L, -1L)).isEmpty();
        assertThat(SensorRangeSignals.decodeSigned64(inputs.get(SensorRangeSignals.MIN))).isEqualTo(Long.MIN_VALUE);
        assertThat(SensorRangeSignals.decodeSigned64(inputs.get(SensorRangeSignals.MAX))).isEqualTo(Long.MAX_VALUE);
        // The literal encodings of circuits/README.md, not only SensorRangeSignals's view of them.
        assertThat(inputs.get(SensorRangeSignals.SEQ)).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(inputs.get(SensorRangeSignals.EVENT_TIME)).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(inputs.get(SensorRangeSignals.MIN)).isEqualTo(BigInteger.ZERO);
        assertThat(record.getEventTime()).isEqualTo(before1970);
        assertThat(snarkjsVerifies(record)).isTrue();

        ProofRecord negative = prover.prove("t-1", 1, NOON, -40, -40, 85).orElseThrow();
        assertThat(publicInputs(negative).get(SensorRangeSignals.MIN)).isEqualTo(new BigInteger("9223372036854775768"));
        assertThat(snarkjsVerifies(negative)).isTrue();
    }

    @Test
    void shouldDrawAFreshBlindingForEveryProof() throws Exception {
        ProofRecord first = prover.prove("soil-7", 50, NOON, 312, 100, 450).orElseThrow();
        ProofRecord second = prover.prove("soil-7", 50, NOON, 312, 100, 450).orElseThrow();

        // Same reading and context: only the blinding differs, so the commitments must.
        assertThat(first.getPublicInputs().get(SensorRangeSignals.COMMITMENT))
                .isNotEqualTo(second.getPublicInputs().get(SensorRangeSignals.COMMITMENT));
        assertThat(first.getPublicInputs().subList(1, 6)).isEqualTo(second.getPublicInputs().subList(1, 6));
    }

    @Test
    void shouldNotProveAReadingOutsideTheRange() throws Exception {
        assertThat(prover.prove("soil-7", 60, NOON, 99, 100, 450)).isEmpty();
        assertThat(prover.prove("soil-7", 61, NOON, 451, 100, 450)).isEmpty();
        assertThat(prover.prove("soil-7", 62, NOON, 0, 1, 0)).isEmpty(); // empty range
        assertThat(prover.prove("soil-7", 63, NOON, 451, new RangeSpec(100, 450, 16))).isEmpty();
    }

    @Test
    void shouldHaveTheCircuitRefuseAnOutOfRangeWitnessAndKeepServing() throws Exception {
        // What prove() never sends: the circuit itself refuses it, and the process survives.
        Map<String, BigInteger> input = witnessInput(451, BigInteger.ONE);
        SnarkjsProverProcess process = prover.process();

        assertThatThrownBy(() -> process.prove(input, BigInteger.TWO, BigInteger.TEN, TIMEOUT))
                .isInstanceOf(Groth16ProverException.class)
                .hasMessageContaining("snarkjs refused")
                .hasMessageContaining("Assert Failed");
        assertThat(process.isUsable()).isTrue();
        assertThat(prover.prove("soil-7", 63, NOON, 450, 100, 450)).isPresent();
    }

    @Test
    void shouldTakeAllOfTheProofsRandomnessFromTheHost() throws Exception {
        Map<String, BigInteger> input = witnessInput(300, new BigInteger("123456789"));
        BigInteger r = new BigInteger("987654321987654321");
        BigInteger s = new BigInteger("555555555555555555555");
        SnarkjsProverProcess process = prover.process();

        SnarkjsProverProcess.SnarkjsProof first = process.prove(input, r, s, TIMEOUT);
        SnarkjsProverProcess.SnarkjsProof again = process.prove(input, r, s, TIMEOUT);
        SnarkjsProverProcess.SnarkjsProof otherS = process.prove(input, r, s.add(BigInteger.ONE), TIMEOUT);

        // Same witness and randomisers: the same proof, so snarkjs added no randomness of its own.
        assertThat(again).isEqualTo(first);
        assertThat(otherS.proofJson()).isNotEqualTo(first.proofJson());
        assertThat(otherS.publicJson()).isEqualTo(first.publicJson());
        assertThat(process.verify(first.proofJson(), first.publicJson(), TIMEOUT)).isTrue();
        assertThat(process.verify(otherS.proofJson(), otherS.publicJson(), TIMEOUT)).isTrue();
        assertThatThrownBy(() -> process.prove(input, r, io.zkedge.groth16.Bn254.R, TIMEOUT))
                .isInstanceOf(Groth16ProverException.class)
                .hasMessageContaining("randomiser 1 is not a canonical decimal below the group order");
    }

    @Test
    void shouldStartANewProcessWhenTheOldOneDies() throws Exception {
        try (Groth16ReadingProver own = Groth16ReadingProver.create("gw-2", toolchain, new SecureRandom(), TIMEOUT)) {
            SnarkjsProverProcess first = own.process();
            first.close(); // as if node had died

            ProofRecord record = own.prove("soil-7", 70, NOON, 300, 100, 450).orElseThrow();

            assertThat(own.process()).isNotSameAs(first);
            assertThat(snarkjsVerifies(record)).isTrue();
        }
    }

    @Test
    void shouldBeAcceptedByTheSnarkjsCommandLine(@TempDir Path dir) throws Exception {
        ProofRecord record = prover.prove("soil-9", 7, NOON, 120, new RangeSpec(100, 450, 16)).orElseThrow();
        Files.writeString(dir.resolve("proof.json"), SnarkjsJson.proof(record));
        Files.writeString(dir.resolve("public.json"), SnarkjsJson.publicSignals(record));

        Process cli = new ProcessBuilder(toolchain.node().toString(),
                toolchain.snarkjs().resolve("build/cli.cjs").toString(), "groth16", "verify",
                toolchain.verificationKey().toString(), dir.resolve("public.json").toString(),
                dir.resolve("proof.json").toString())
                .redirectErrorStream(true).start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(out).contains("OK!");
        assertThat(cli.exitValue()).isZero();
    }

    @Test
    void shouldReportTheThroughputOfTheChildProcess() throws Exception {
        int proofs = 10;
        SnarkjsProverProcess process = prover.process();
        Duration cpu0 = process.cpuTime().orElse(Duration.ZERO);
        long t0 = System.nanoTime();
        for (int i = 0; i < proofs; i++) {
            assertThat(prover.prove("soil-7", 100 + i, NOON, 200 + i, 100, 450)).isPresent();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMs = (process.cpuTime().orElse(Duration.ZERO).minus(cpu0)).toNanos() / 1e6 / proofs;

        // For comparison: a node process per proof (start-up, loading, curve, witness generator, proof).
        long s0 = System.nanoTime();
        double spawnCpuMs;
        try (Groth16ReadingProver once = Groth16ReadingProver.create("gw-once", toolchain, new SecureRandom(), TIMEOUT)) {
            assertThat(once.prove("soil-7", 200, NOON, 300, 100, 450)).isPresent();
            spawnCpuMs = once.process().cpuTime().orElse(Duration.ZERO).toNanos() / 1e6;
        }
        double spawnSeconds = (System.nanoTime() - s0) / 1e9;

        System.out.printf("groth16 prover (snarkjs child process): %d proofs in %.2f s = %.2f proofs/s, "
                        + "%.0f ms wall and %.0f ms CPU per proof warm; a new node process for one proof: "
                        + "%.0f ms wall, %.0f ms CPU (load average %.1f)%n",
                proofs, seconds, proofs / seconds, 1000 * seconds / proofs, cpuMs, 1000 * spawnSeconds, spawnCpuMs,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        assertThat(seconds / proofs).as("warm proofs must beat a process per proof").isLessThan(spawnSeconds);
    }

    /** The witness input of reading {@code v} of soil-7 in [100, 450]. */
    private static Map<String, BigInteger> witnessInput(long v, BigInteger blinding) {
        Map<String, BigInteger> input = new LinkedHashMap<>();
        input.put("v", SensorRangeSignals.signed64(v));
        input.put("blinding", blinding);
        input.put("min", SensorRangeSignals.signed64(100));
        input.put("max", SensorRangeSignals.signed64(450));
        input.put("sensorId", SensorRangeSignals.sensorId("soil-7"));
        input.put("seq", BigInteger.ONE);
        input.put("eventTimeMillis", BigInteger.ONE);
        return input;
    }

    private static boolean snarkjsVerifies(ProofRecord record) throws Exception {
        return prover.process().verify(SnarkjsJson.proof(record), SnarkjsJson.publicSignals(record), TIMEOUT);
    }

    private static Groth16PublicInputs publicInputs(ProofRecord record) throws Exception {
        ByteBuffer all = ByteBuffer.allocate(32 * record.getPublicInputs().size());
        record.getPublicInputs().forEach(b -> all.put(b.duplicate()));
        return Groth16PublicInputs.fromBytes(all.array(), SensorRangeSignals.N_PUBLIC);
    }

    private static byte[] word(BigInteger value) {
        byte[] out = new byte[32];
        byte[] raw = value.toByteArray();
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    private static String committedCircuitId() throws IOException {
        return Files.readString(root().resolve("circuits/build/circuit-id.txt")).strip();
    }

    private static Path root() {
        return toolchain.server().getParent().getParent().getParent();
    }
}
