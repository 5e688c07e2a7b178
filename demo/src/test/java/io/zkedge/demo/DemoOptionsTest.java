package io.zkedge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void shouldRunUnderTwoMinutesByDefault() {
        DemoOptions d = DemoOptions.defaults();

        assertThat(d.duration()).isLessThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(d.webPort()).isEqualTo(8081);
        assertThat(d.prometheusPort()).isEqualTo(9249);
        assertThat(d.reportingInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.progress()).isTrue();
        assertThat(d.groth16Sensors()).isEqualTo(1);
        assertThat(d.groth16Rate()).isEqualTo(1.0);
    }

    @Test
    void shouldParseEveryKindOfFlag() {
        DemoOptions o = DemoOptions.parse("--duration", "20s", "--sensors", "3", "--rate=6", "--web-port", "18081",
                "--prometheus-port", "19249", "--kafka-port", "0", "--tampered", "0.1", "--replay", "0.05",
                "--out-of-order", "0.04", "--late", "0.03", "--garbage", "0.02", "--out-of-range", "0.2",
                "--window", "1500ms", "--checkpoint-interval", "1", "--seed", "9", "--parallelism", "1",
                "--prover-threads", "2", "--min-valid-ratio", "0.8", "--drain-timeout", "2m", "--no-progress",
                "--groth16-sensors", "2");

        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.sensors()).isEqualTo(3);
        assertThat(o.rate()).isEqualTo(6.0);
        assertThat(o.reportingInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.webPort()).isEqualTo(18081);
        assertThat(o.prometheusPort()).isEqualTo(19249);
        assertThat(o.faults().tampered()).isEqualTo(0.1);
        assertThat(o.faults().replay()).isEqualTo(0.05);
        assertThat(o.faults().outOfOrder()).isEqualTo(0.04);
        assertThat(o.faults().late()).isEqualTo(0.03);
        assertThat(o.faults().garbage()).isEqualTo(0.02);
        assertThat(o.outOfRange()).isEqualTo(0.2);
        assertThat(o.window()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.seed()).isEqualTo(9);
        assertThat(o.parallelism()).isEqualTo(1);
        assertThat(o.proverThreads()).isEqualTo(2);
        assertThat(o.minValidRatio()).isEqualTo(0.8);
        assertThat(o.drainTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.progress()).isFalse();
        assertThat(o.groth16Sensors()).isEqualTo(2);
        assertThat(o.groth16Rate()).isEqualTo(4.0); // 6/s over 3 sensors: 2/s per sensor
        assertThat(DemoOptions.parse("--groth16-sensors", "0").groth16Sensors()).isZero();
    }

    @Test
    void shouldNameTheWrongFlag() {
        assertThatThrownBy(() -> DemoOptions.parse("--sensor", "3")).hasMessageContaining("unknown flag --sensor");
        assertThatThrownBy(() -> DemoOptions.parse("--sensors")).hasMessageContaining("--sensors needs a value");
        assertThatThrownBy(() -> DemoOptions.parse("--sensors", "0")).hasMessageContaining("--sensors must be at least 1");
        assertThatThrownBy(() -> DemoOptions.parse("--duration", "soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> DemoOptions.parse("--tampered", "2")).hasMessageContaining("--tampered is a fraction");
        assertThatThrownBy(() -> DemoOptions.parse("--web-port", "0")).hasMessageContaining("--web-port");
        assertThatThrownBy(() -> DemoOptions.parse("--groth16-sensors", "-1"))
                .hasMessageContaining("--groth16-sensors must be 0 or more");
        assertThatThrownBy(() -> DemoOptions.parse("--tampered", "0.6", "--replay", "0.6"))
                .hasMessageContaining("add up to");
        assertThatThrownBy(() -> DemoOptions.parse("demo")).hasMessageContaining("unexpected argument 'demo'");
    }

    @Test
    void shouldPrintUsageAndExitTwoOnABadFlag() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(DemoMain.run(new String[] {"--help"}, print(out), print(err))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--duration TIME").contains("--web-port PORT").contains("--groth16-sensors N")
                .contains("(default 90s)");
        assertThat(DemoMain.run(new String[] {"--bogus", "1"}, print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown flag --bogus");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
