package io.zkedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.embedded.EmbeddedKafkaExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/** gateway simulate against an in-JVM broker, with the bundled prover module. */
@EnabledIf(value = "io.zkedge.bulletproofs.BundledModules#available",
        disabledReason = "verifiers/dist/*.wasm were not built when this jar was")
class GatewaySimulateCommandITCase {

    static {
        // The broker logs through the same slf4j-simple binding as the command: warnings only.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension().withTopics(1, "zkedge.proofs");

    @Test
    void shouldPublishEveryReadingAndPrintASummary() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new Zkedge(ModuleSource.bundled()).run(new String[] {"gateway", "simulate",
            "--bootstrap-servers", KAFKA.bootstrapServers(), "--sensors", "2", "--readings", "3", "--rate", "0",
            "--out-of-range", "0", "--garbage", "0.3", "--duration", "60s", "--progress", "off"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(summary).contains("\"sent\":6,\"acked\":6,\"errors\":0").contains("\"readings\":6");
    }

    @Test
    void shouldNameABadOption() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new Zkedge(ModuleSource.bundled()).run(new String[] {"gateway", "simulate",
            "--bootstrap-servers", "127.0.0.1:1", "--tampered", "0.7", "--replay", "0.7"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("add up to");
    }
}
