package io.zkedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zkedge verify groth16} on the snarkjs files of testdata/groth16-sensor, with the bundled
 * module: every case of cases.txt gets the exit code of its expected verdict.
 */
@EnabledIf(value = "io.zkedge.groth16.Groth16Modules#available",
        disabledReason = "verifiers/dist/zkedge_groth16_verifier.wasm was not built when this jar was")
class VerifyGroth16CommandITCase {

    private static final Path TESTDATA = Path.of("..", "testdata", "groth16-sensor");
    private static final String VK = TESTDATA.resolve("verification_key.json").toString();

    private record Result(int exitCode, String out, String err) {}

    @Test
    void validProofExitsZeroAndPrintsValid() {
        Result r = verify("valid-mid-range");

        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).isEqualTo("valid\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void replayedProofUnderAnotherSequenceNumberExitsOne() {
        Result r = verify("invalid-seq-changed");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("invalid\n");
    }

    @Test
    void proofPointOffTheCurveExitsTwoWithItsReasonOnOneLine() {
        Result r = verify("malformed-a-not-on-curve");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEqualTo("malformed\n");
        assertThat(r.err()).startsWith("zkedge: malformed: --proof ").contains("not on the curve").hasLineCount(1);
    }

    @Test
    void nonCanonicalCoordinateIsRefusedByTheReaderWithItsField() {
        Result r = verify("malformed-a-x-plus-p");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("zkedge: malformed: --proof " + file("malformed-a-x-plus-p", "proof.json") + ": pi_a.x").contains("not below p").hasLineCount(1);
    }

    @Test
    void everyTestdataCaseExitsWithItsExpectedVerdict() throws IOException {
        List<String> lines = Files.readAllLines(TESTDATA.resolve("cases.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
        assertThat(lines).hasSizeGreaterThan(20);
        for (String line : lines) {
            String[] f = line.split("\t");
            int expected = switch (f[1]) {
                case "valid" -> 0;
                case "invalid" -> 1;
                default -> 2;
            };
            Result r = verify(f[0]);
            assertThat(r.exitCode()).as("%s: %s", f[0], r.err()).isEqualTo(expected);
            assertThat(r.out()).as(f[0]).isEqualTo(f[1] + "\n");
            assertThat(r.err()).as(f[0]).hasLineCount(expected == 2 ? 1 : 0);
        }
    }

    @Test
    void missingFileExitsTwoNamingIt() {
        Result r = run("verify", "groth16", "--vk", VK, "--proof", "no/such/proof.json",
                "--public", file("valid-mid-range", "public.json"));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("zkedge: --proof no/such/proof.json: no such file\n");
    }

    @Test
    void fileThatIsNotJsonExitsTwo(@TempDir Path dir) throws IOException {
        Path garbage = Files.write(dir.resolve("proof.json"), new byte[] {'{', '"', 'p', 'i'});

        Result r = run("verify", "groth16", "--vk", VK, "--proof", garbage.toString(),
                "--public", file("valid-mid-range", "public.json"));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("zkedge: malformed: ").hasLineCount(1);
    }

    @Test
    void publicSignalsSwappedWithTheKeyExitTwo() {
        Result r = run("verify", "groth16", "--vk", file("valid-mid-range", "public.json"),
                "--proof", file("valid-mid-range", "proof.json"), "--public", VK);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("zkedge: malformed: --vk " + file("valid-mid-range", "public.json")
                + ": verification key: expected a JSON object");
    }

    @Test
    void missingOrUnknownFlagsExitTwo() {
        Result missing = run("verify", "groth16", "--vk", VK, "--proof", file("valid-mid-range", "proof.json"));
        Result unknown = run("verify", "groth16", "--key", VK);
        Result noValue = run("verify", "groth16", "--vk");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("zkedge: 'verify groth16' needs --public\n");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown option --key");
        assertThat(noValue.exitCode()).isEqualTo(2);
        assertThat(noValue.err()).contains("--vk needs a value");
    }

    @Test
    void helpNamesTheSnarkjsFiles() {
        Result r = run("verify", "groth16", "--help");

        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).contains("--vk FILE", "--proof FILE", "--public FILE");
    }

    private static Result verify(String testCase) {
        return run("verify", "groth16", "--vk", VK, "--proof", file(testCase, "proof.json"),
                "--public", file(testCase, "public.json"));
    }

    private static String file(String testCase, String name) {
        return TESTDATA.resolve(testCase).resolve(name).toString();
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new Zkedge(ModuleSource.bundled()).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
