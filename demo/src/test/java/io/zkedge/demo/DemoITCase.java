package io.zkedge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.gateway.groth16.Groth16Toolchain;
import io.zkedge.gateway.sim.RecordKind;
import io.zkedge.schemas.ProofSystem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A short real demo run: broker, MiniCluster, job and gateway, with every fault kind injected, and
 * Bulletproofs and Groth16 sensors side by side (the Groth16 sensor only when node is installed;
 * the circuit is built first if it is missing).
 */
class DemoITCase {

    @Test
    void shouldAnswerEveryProducedRecordExactlyOnceWithVerifiableEvidence() throws Exception {
        assumeTrue(BundledModules.available(), "the Wasm modules are not bundled (build verifiers/)");
        boolean groth16 = Groth16Toolchain.nodeAvailable();
        if (groth16) {
            Groth16Toolchain.locateOrBuild(Duration.ofMinutes(15));
        } else {
            System.out.println("DemoITCase: node is not on PATH: the Groth16 sensor is SKIPPED, Bulletproofs only");
        }
        // Seed 1: the Groth16 sensor's second reading is tampered (its first eight records: GOOD
        // TAMPERED GARBAGE LATE GOOD GARBAGE GOOD OUT_OF_ORDER), so a short run has one.
        DemoOptions options = DemoOptions.parse(
                "--duration", "20s", "--sensors", "3", "--rate", "6", "--window", "5s",
                "--groth16-sensors", groth16 ? "1" : "0",
                "--tampered", "0.06", "--replay", "0.06", "--out-of-order", "0.06", "--late", "0.04",
                "--garbage", "0.06", "--out-of-range", "0.03", "--seed", "1",
                "--web-port", Integer.toString(freePort()), "--prometheus-port", Integer.toString(freePort()),
                "--no-progress");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        DemoSummary summary = new Demo(options, new PrintStream(console, true, StandardCharsets.UTF_8)).run();
        summary.print(new PrintStream(console, true, StandardCharsets.UTF_8));
        String printed = console.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        // Invariant 1: every record the broker acknowledged has exactly one verdict or dead letter.
        assertThat(summary.gateway().errors()).isZero();
        assertThat(summary.producedTotal()).isEqualTo(summary.gateway().acked()).isGreaterThan(60);
        assertThat(summary.unanswered()).isZero();
        assertThat(summary.duplicated()).isZero();
        assertThat(summary.unexpected()).isZero();
        assertThat(summary.verdicts() + summary.answeringDeadLetters()).isEqualTo(summary.producedTotal());
        assertThat(summary.accountingHolds()).isTrue();
        // Invariant 6: every signature and chain verifies with the public key alone.
        assertThat(summary.evidenceHolds()).isTrue();
        assertThat(summary.passed()).isTrue();
        assertThat(printed).contains("RESULT       OK");

        // Each injected kind got the answer it should.
        Map<RecordKind, Map<String, Long>> outcomes = summary.outcomesByKind();
        assertThat(outcomes.get(RecordKind.GOOD)).containsOnlyKeys("verdict VALID");
        assertThat(outcomes.getOrDefault(RecordKind.OUT_OF_ORDER, Map.of())).allSatisfy(
                (answer, n) -> assertThat(answer).isEqualTo("verdict VALID"));
        assertThat(outcomes.getOrDefault(RecordKind.TAMPERED, Map.of())).allSatisfy(
                (answer, n) -> assertThat(answer).isIn("verdict INVALID", "verdict MALFORMED"));
        // A replay of a reading whose compliance window has already closed is also a LATE dead letter
        // (published, but not counted), as any late verdict is; which replays are depends on timing.
        assertThat(outcomes.getOrDefault(RecordKind.REPLAY, Map.of())).allSatisfy(
                (answer, n) -> assertThat(answer).isIn("verdict REPLAY", "verdict REPLAY + dead letter LATE"));
        assertThat(outcomes.getOrDefault(RecordKind.GARBAGE, Map.of())).allSatisfy(
                (answer, n) -> assertThat(answer).isEqualTo("dead letter UNDECODABLE"));
        assertThat(outcomes.getOrDefault(RecordKind.LATE, Map.of())).allSatisfy(
                (answer, n) -> assertThat(answer).startsWith("verdict "));

        if (groth16) {
            // The Groth16 sensor's records were verified by the Groth16 module: good ones VALID, and
            // a tampered commitment fails the pairing check (INVALID, not MALFORMED).
            Map<RecordKind, Map<String, Long>> g16 = summary.outcomesBySystem().get(ProofSystem.GROTH16);
            assertThat(g16.get(RecordKind.GOOD)).containsOnlyKeys("verdict VALID");
            assertThat(g16.get(RecordKind.TAMPERED)).containsOnlyKeys("verdict INVALID");
            assertThat(summary.answersOf(ProofSystem.GROTH16)).containsKeys("verdict VALID", "verdict INVALID");
            assertThat(summary.answersOf(ProofSystem.BULLETPROOFS)).containsKey("verdict VALID");
            assertThat(printed).contains("by system").containsPattern("\n  groth16 +.*verdict INVALID 1")
                    .containsPattern("\n  bulletproofs .*verdict VALID");
        } else {
            assertThat(summary.outcomesBySystem()).containsOnlyKeys(ProofSystem.BULLETPROOFS);
        }

        // Compliance windows closed and are chained per sensor; the reporter served zkedge metrics.
        assertThat(summary.compliance()).hasSize(groth16 ? 4 : 3);
        assertThat(summary.prometheusZkedgeSamples()).isPositive();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
