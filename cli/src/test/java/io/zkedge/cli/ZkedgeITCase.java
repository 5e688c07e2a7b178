package io.zkedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** prove range → verify range through the command line, with the bundled modules. */
@EnabledIf(value = "io.zkedge.bulletproofs.BundledModules#available",
        disabledReason = "verifiers/dist/*.wasm were not built when this jar was")
class ZkedgeITCase {

    private static final Pattern FIELD = Pattern.compile("\"(commitment|proof)\":\"([0-9a-f]+)\"");

    @Test
    void provedRangeVerifiesAndATamperedOneDoesNot() {
        String json = run(0, "prove", "range", "--value", "21", "--min", "0", "--max", "100", "--bits", "8",
                "--sensor", "sensor-1", "--seq", "7", "--time", "1764000000000");
        String commitment = null;
        String proof = null;
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals("commitment")) {
                commitment = m.group(2);
            } else {
                proof = m.group(2);
            }
        }
        String[] verify = {"verify", "range", "--commitment", commitment, "--proof", proof, "--min", "0",
            "--max", "100", "--bits", "8", "--sensor", "sensor-1", "--seq", "7", "--time", "1764000000000"};

        assertThat(run(0, verify)).isEqualTo("valid\n");
        verify[15] = "8"; // another sequence number
        assertThat(run(1, verify)).isEqualTo("invalid\n");
    }

    private static String run(int expectedExitCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new Zkedge(ModuleSource.bundled()).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exitCode).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isEqualTo(expectedExitCode);
        return out.toString(StandardCharsets.UTF_8);
    }
}
