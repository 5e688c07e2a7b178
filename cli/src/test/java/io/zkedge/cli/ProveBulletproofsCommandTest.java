package io.zkedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.bulletproofs.BulletproofsAbi;
import io.zkedge.testutils.FixedSeedRandom;
import io.zkedge.testutils.TestModules;
import io.zkedge.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prove bulletproofs} against verifier-host's fake prover: it checks the request framing
 * (n, m, each value below 2^n, canonical blindings: a blinding whose top byte has any of its high
 * four bits set stands for non-canonical) and answers commitment j = 32 bytes of (0xC1 + j) and
 * a 64-byte proof of zeros.
 */
class ProveBulletproofsCommandTest {

    private static ModuleSource fakes;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadFakes() throws Exception {
        WasmModule prover = TestModules.builder("fake_bulletproofs_prover")
                .setRequiredFunctions(BulletproofsAbi.PROVE).build();
        fakes = new ModuleSource() {
            @Override
            public WasmModule verifier() {
                throw new IllegalStateException("prove bulletproofs needs no verifier");
            }

            @Override
            public WasmModule prover() {
                return prover;
            }
        };
    }

    @Test
    void printsOneJsonLineWithACommitmentPerValue() {
        Result result = run("prove", "bulletproofs", "--values", "0,18446744073709551615", "--bits", "64",
                "--label", "my \"label\"");

        assertThat(result.exitCode).isZero();
        assertThat(result.err).isEmpty();
        assertThat(result.out).isEqualTo("{\"bits\":64,\"label\":\"my \\\"label\\\"\",\"commitments\":[\""
                + "c1".repeat(32) + "\",\"" + "c2".repeat(32) + "\"],\"proof\":\"" + "00".repeat(64) + "\"}\n");
    }

    @Test
    void labelDefaultsToEmpty() {
        Result result = run("prove", "bulletproofs", "--values", "7", "--bits", "8");

        assertThat(result.exitCode).isZero();
        assertThat(result.out).startsWith("{\"bits\":8,\"label\":\"\",\"commitments\":[\"" + "c1".repeat(32) + "\"]");
    }

    @Test
    void blindingsAreCanonicalScalarsEvenWhenTheRandomBytesAreNot() throws Exception {
        // 64 bytes of 0xff reduced modulo the group order; unreduced, the fake would refuse them.
        FixedSeedRandom random = new FixedSeedRandom(0xff);
        ProveBulletproofsCommand command = new ProveBulletproofsCommand(fakes, random);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exitCode = command.run(
                Options.parse(command.name(), command.options(), List.of("--values", "1,2,3,4", "--bits", "16")),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exitCode).isZero();
        assertThat(random.requests()).isEqualTo(4); // one per blinding (the prover seeds itself)
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("c4".repeat(32));
    }

    @Test
    void requestsFileMakesOneProofPerLine() throws IOException {
        Path requests = Files.writeString(dir.resolve("requests.txt"), String.join("\n",
                "# n values label",
                "8 255",
                "",
                "32 1,2 a label with spaces",
                "64 0,0,0,0,0,0,0,18446744073709551615 x"));

        Result result = run("prove", "bulletproofs", "--requests", requests.toString());

        assertThat(result.exitCode).isZero();
        assertThat(result.out.lines().toList()).hasSize(3);
        assertThat(result.out.lines().toList().get(0)).startsWith("{\"bits\":8,\"label\":\"\",\"commitments\":[\"c1");
        assertThat(result.out.lines().toList().get(1))
                .startsWith("{\"bits\":32,\"label\":\"a label with spaces\",\"commitments\":[\"c1");
        assertThat(result.out.lines().toList().get(2)).contains("\"bits\":64", "c8".repeat(32));
    }

    @Test
    void aRefusedRequestPrintsNothingAndNamesItsLine() throws IOException {
        Path requests = Files.writeString(dir.resolve("requests.txt"), "8 1\n8 256\n");

        Result result = run("prove", "bulletproofs", "--requests", requests.toString());

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.out).isEmpty();
        assertThat(result.err).isEqualTo("zkedge: --requests line 2: a value does not fit in 8 bits\n");
    }

    @Test
    void valueTooLargeOrUnsupportedCountIsRefused() {
        Result tooLarge = run("prove", "bulletproofs", "--values", "256", "--bits", "8");
        Result three = run("prove", "bulletproofs", "--values", "1,2,3", "--bits", "8");
        Result negative = run("prove", "bulletproofs", "--values", "-1", "--bits", "8");

        assertThat(tooLarge.exitCode).isEqualTo(2);
        assertThat(tooLarge.err).isEqualTo("zkedge: a value does not fit in 8 bits\n");
        assertThat(three.exitCode).isEqualTo(2);
        assertThat(three.err).startsWith("zkedge: bits must be 8, 16, 32 or 64 and the number of values 1, 2, 4 or 8");
        assertThat(negative.exitCode).isEqualTo(2);
        assertThat(negative.err).isEqualTo("zkedge: --values must be unsigned 64-bit integers, was '-1'\n");
    }

    @Test
    void requestsDoNotMixWithSingleRequestOptions() throws IOException {
        Path requests = Files.writeString(dir.resolve("requests.txt"), "8 1\n");

        Result result = run("prove", "bulletproofs", "--requests", requests.toString(), "--bits", "8");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).isEqualTo("zkedge: --requests and --bits do not go together\n");
    }

    @Test
    void overviewListsTheCommand() {
        assertThat(run("--help").out).contains("prove bulletproofs");
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new Zkedge(fakes).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err) {}
}
