package io.zkedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.bulletproofs.BulletproofsAbi;
import io.zkedge.testutils.TestModules;
import io.zkedge.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Argument parsing, output and exit codes, run in-process against the fake modules of
 * verifier-host's tests: the fake verifier takes a statement's status from the first proof byte
 * (00 valid, 01 invalid, 02 malformed, 03 unsupported), the fake prover returns C = c0…, r = the
 * seed and a proof of 64 zero bytes.
 */
class ZkedgeTest {

    private static final String COMMITMENT = "11".repeat(32);

    private static ModuleSource fakes;

    @BeforeAll
    static void loadFakes() throws Exception {
        WasmModule verifier = TestModules.builder("fake_bulletproofs_verifier")
                .setRequiredFunctions(BulletproofsAbi.VERIFY_BATCH).build();
        WasmModule prover = TestModules.builder("fake_bulletproofs_prover")
                .setRequiredFunctions(BulletproofsAbi.PROVE).build();
        fakes = new ModuleSource() {
            @Override
            public WasmModule verifier() {
                return verifier;
            }

            @Override
            public WasmModule prover() {
                return prover;
            }
        };
    }

    @Test
    void validRangeProofExitsZero() {
        Result result = run(verifyRange("00aa"));

        assertThat(result.exitCode).isZero();
        assertThat(result.out).isEqualTo("valid\n");
        assertThat(result.err).isEmpty();
    }

    @Test
    void invalidRangeProofExitsOne() {
        Result result = run(verifyRange("01aa"));

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.out).isEqualTo("invalid\n");
        assertThat(result.err).isEmpty();
    }

    @Test
    void malformedAndUnsupportedStatementsExitTwoWithAReason() {
        Result malformed = run(verifyRange("02aa"));
        Result unsupported = run(verifyRange("03aa"));

        assertThat(malformed.exitCode).isEqualTo(2);
        assertThat(malformed.out).isEqualTo("malformed\n");
        assertThat(malformed.err).startsWith("zkedge: malformed:").hasLineCount(1);
        assertThat(unsupported.exitCode).isEqualTo(2);
        assertThat(unsupported.err).startsWith("zkedge: unsupported:").hasLineCount(1);
    }

    @Test
    void proofOverTheAbiLimitIsMalformedWithoutReachingTheModule() {
        // 00… would be "valid" to the fake, so "malformed" means the host refused it.
        Result result = run(verifyRange("00".repeat(4097)));

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.out).isEqualTo("malformed\n");
    }

    @Test
    void badHexExitsTwo() {
        Result result = run(verifyRange("0g"));

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.out).isEmpty();
        assertThat(result.err).startsWith("zkedge: --proof is not hex").hasLineCount(1);
    }

    @Test
    void missingOptionExitsTwoNamingIt() {
        Result result = run("verify", "range", "--commitment", COMMITMENT, "--proof", "00");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).isEqualTo("zkedge: 'verify range' needs --bits\n");
    }

    @Test
    void unknownOptionExitsTwo() {
        Result result = run("verify", "range", "--colour", "blue");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).isEqualTo("zkedge: unknown option --colour for 'verify range'\n");
    }

    @Test
    void repeatedOrValuelessOptionExitsTwo() {
        assertThat(run("verify", "range", "--bits", "8", "--bits", "16").err)
                .isEqualTo("zkedge: --bits is given twice\n");
        assertThat(run("verify", "range", "--bits").err).isEqualTo("zkedge: --bits needs a value\n");
    }

    @Test
    void numberThatDoesNotParseExitsTwo() {
        Result result = run("prove", "range", "--value", "ten", "--min", "0", "--max", "100", "--bits", "8",
                "--sensor", "s", "--seq", "1", "--time", "2");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).isEqualTo("zkedge: --value must be a signed 64-bit integer, was 'ten'\n");
    }

    @Test
    void negativeSequenceNumberExitsTwo() {
        Result result = run(withOption(verifyRange("00"), "--seq", "-1"));

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("--seq must be an unsigned 64-bit integer");
    }

    @Test
    void unknownCommandExitsTwo() {
        Result result = run("verify", "plonk");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).startsWith("zkedge: unknown command 'verify plonk'");
    }

    @Test
    void oneWordCommandsTakeTheirOptionsFromTheSecondWord() {
        Result help = run("gateway", "--help");
        Result extraWord = run("gateway", "simulate", "--bootstrap-servers", "127.0.0.1:9092");

        assertThat(help.exitCode).isZero();
        assertThat(help.out).startsWith("Usage: zkedge gateway --bootstrap-servers");
        assertThat(extraWord.exitCode).isEqualTo(2);
        assertThat(extraWord.err).isEqualTo("zkedge: unexpected argument 'simulate' for 'gateway'\n");
    }

    @Test
    void aCommandGroupWithoutItsSubcommandNamesThem() {
        Result bare = run("module");
        Result unknown = run("keys", "rotate");

        assertThat(bare.exitCode).isEqualTo(2);
        assertThat(bare.err).isEqualTo("zkedge: 'module' needs a subcommand: module sign, module verify, "
                + "module inspect, module publish; see zkedge --help\n");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err).isEqualTo("zkedge: unknown command 'keys rotate': keys generate; see zkedge --help\n");
        assertThat(run("gatewy").err).isEqualTo("zkedge: unknown command 'gatewy'; see zkedge --help\n");
    }

    @Test
    void noArgumentsPrintsUsageToStderrAndExitsTwo() {
        Result result = run();

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.out).isEmpty();
        assertThat(result.err).startsWith("Usage: zkedge <command>");
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        Result result = run("--help");

        assertThat(result.exitCode).isZero();
        assertThat(result.out).contains("verify bulletproofs", "verify range", "prove range", "gateway ",
                "keys generate", "module sign", "module verify", "module inspect", "module publish", "Exit codes");
    }

    @Test
    void commandHelpListsItsOptionsAndExitsZero() {
        Result result = run("verify", "bulletproofs", "--help");

        assertThat(result.exitCode).isZero();
        assertThat(result.out).contains("--proof HEX", "--commitments", "--bits N", "--label TEXT", "default: empty");
    }

    @Test
    void verifyBulletproofsTakesCommaSeparatedCommitments() {
        Result result = run("verify", "bulletproofs", "--proof", "0x00ff", "--commitments",
                COMMITMENT + "," + "22".repeat(32), "--bits", "32", "--label", "doctest example");

        assertThat(result.exitCode).isZero();
        assertThat(result.out).isEqualTo("valid\n");
    }

    @Test
    void proveRangePrintsOneJsonLine() {
        Result result = run("prove", "range", "--value", "42", "--min", "-10", "--max", "100", "--bits", "8",
                "--sensor", "line \"7\"", "--seq", "18446744073709551615", "--time", "1700000000000");

        assertThat(result.exitCode).isZero();
        assertThat(result.err).isEmpty();
        assertThat(result.out).hasLineCount(1)
                .matches("\\{\"commitment\":\"(c0){32}\",\"proof\":\"(00){64}\",\"blinding\":\"[0-9a-f]{64}\","
                        + "\"bits\":8,\"min\":-10,\"max\":100,\"sensor\":\"line \\\\\"7\\\\\"\","
                        + "\"seq\":18446744073709551615,\"time\":1700000000000}\n");
    }

    @Test
    void proveRangeRefusesAValueOutsideTheRange() {
        Result result = run("prove", "range", "--value", "150", "--min", "0", "--max", "100", "--bits", "8",
                "--sensor", "s", "--seq", "1", "--time", "2");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.out).isEmpty();
        assertThat(result.err).isEqualTo("zkedge: value 150 is outside [0, 100]\n");
    }

    @Test
    void missingModuleIsAnInternalError() {
        ModuleSource missing = new ModuleSource() {
            @Override
            public WasmModule verifier() {
                throw new IllegalStateException("zkedge_bulletproofs_verifier.wasm is not bundled");
            }

            @Override
            public WasmModule prover() {
                throw new IllegalStateException("zkedge_bulletproofs_prover.wasm is not bundled");
            }
        };

        Result result = run(missing, verifyRange("00"));

        assertThat(result.exitCode).isEqualTo(3);
        assertThat(result.err).isEqualTo("zkedge: internal error: zkedge_bulletproofs_verifier.wasm is not bundled\n");
    }

    private static String[] verifyRange(String proofHex) {
        return new String[] {"verify", "range", "--commitment", COMMITMENT, "--proof", proofHex, "--min", "0",
            "--max", "100", "--bits", "8", "--sensor", "sensor-1", "--seq", "7", "--time", "1700000000000"};
    }

    private static String[] withOption(String[] args, String name, String value) {
        String[] copy = args.clone();
        for (int i = 0; i < copy.length - 1; i++) {
            if (copy[i].equals(name)) {
                copy[i + 1] = value;
            }
        }
        return copy;
    }

    private static Result run(String... args) {
        return run(fakes, args);
    }

    private static Result run(ModuleSource modules, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new Zkedge(modules).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err) {}
}
