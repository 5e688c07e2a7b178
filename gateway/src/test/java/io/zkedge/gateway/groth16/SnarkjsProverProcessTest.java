package io.zkedge.gateway.groth16;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link SnarkjsProverProcess} copes with a child that breaks the protocol: small node
 * scripts stand in for the prover server (no snarkjs needed, but node is).
 */
class SnarkjsProverProcessTest {

    private static final Duration SHORT = Duration.ofSeconds(20);
    private static final Map<String, BigInteger> INPUT = Map.of("v", BigInteger.ONE);

    @TempDir
    Path dir;

    @BeforeAll
    static void needsNode() {
        assumeTrue(Groth16Toolchain.nodeAvailable(), "node is not on PATH: SnarkjsProverProcessTest is SKIPPED");
    }

    @Test
    void shouldReportAChildThatEndsDuringARequestAndRetireIt() throws Exception {
        try (SnarkjsProverProcess process = start(READY + "rl.on('line', () => process.exit(3));")) {
            assertThatThrownBy(() -> process.prove(INPUT, BigInteger.ONE, BigInteger.TWO, SHORT))
                    .isInstanceOf(Groth16ProverException.class)
                    .hasMessageContaining("ended during request prove");
            assertThat(process.isUsable()).isFalse();
            assertThatThrownBy(() -> process.prove(INPUT, BigInteger.ONE, BigInteger.TWO, SHORT))
                    .isInstanceOf(Groth16ProverException.class)
                    .hasMessageContaining("not running");
        }
    }

    @Test
    void shouldRefuseAnAnswerThatIsNotJson() throws Exception {
        try (SnarkjsProverProcess process = start(READY + "rl.on('line', () => console.log('Error: oops'));")) {
            assertThatThrownBy(() -> process.verify("{}", "[]", SHORT))
                    .isInstanceOf(Groth16ProverException.class)
                    .hasMessageContaining("not JSON: Error: oops");
            assertThat(process.isUsable()).isFalse();
        }
    }

    @Test
    void shouldRefuseAnAnswerToAnotherRequest() throws Exception {
        try (SnarkjsProverProcess process = start(READY + "rl.on('line', () => console.log('{\"id\":99,\"valid\":true}'));")) {
            assertThatThrownBy(() -> process.verify("{}", "[]", SHORT))
                    .isInstanceOf(Groth16ProverException.class)
                    .hasMessageContaining("is not for request 1");
            assertThat(process.isUsable()).isFalse();
        }
    }

    @Test
    void shouldGiveUpOnAChildThatDoesNotAnswerInTime() throws Exception {
        try (SnarkjsProverProcess process = start(READY + "rl.on('line', () => {});")) {
            assertThatThrownBy(() -> process.prove(INPUT, BigInteger.ONE, BigInteger.TWO, Duration.ofMillis(500)))
                    .isInstanceOf(Groth16ProverException.class)
                    .hasMessageContaining("got no answer within PT0.5S");
            assertThat(process.isUsable()).isFalse();
        }
    }

    @Test
    void shouldKeepServingAfterARefusedRequest() throws Exception {
        String server = READY + "let n = 0; rl.on('line', (l) => { const id = JSON.parse(l).id;"
                + " console.log(JSON.stringify(++n === 1 ? {id, error: 'no such signal'} : {id, valid: true})); });";
        try (SnarkjsProverProcess process = start(server)) {
            assertThatThrownBy(() -> process.verify("{}", "[]", SHORT))
                    .isInstanceOf(Groth16ProverException.class)
                    .hasMessageContaining("snarkjs refused the request: no such signal");
            assertThat(process.isUsable()).isTrue();
            assertThat(process.verify("{}", "[]", SHORT)).isTrue();
        }
    }

    @Test
    void shouldSayWhyTheChildDidNotStartWithItsStderr() throws Exception {
        assertThatThrownBy(() -> start("console.error('cannot find module snarkjs'); process.exit(1);"))
                .isInstanceOf(Groth16SetupException.class)
                .hasMessageContaining("did not start")
                .hasMessageContaining("cannot find module snarkjs");
    }

    private static final String READY = "const rl = require('readline').createInterface({input: process.stdin});"
            + " console.log(JSON.stringify({ready: true}));";

    private SnarkjsProverProcess start(String script) throws Exception {
        Path server = Files.writeString(dir.resolve("server-" + System.nanoTime() + ".cjs"), script);
        Path unused = dir.resolve("unused");
        Groth16Toolchain toolchain = new Groth16Toolchain(Groth16Toolchain.findNode(System.getenv()),
                unused, server, unused, unused, unused, "00");
        return SnarkjsProverProcess.start(toolchain, SHORT);
    }
}
