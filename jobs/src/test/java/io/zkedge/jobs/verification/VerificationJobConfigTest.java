package io.zkedge.jobs.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationJobConfigTest {

    private static final Map<String, String> REQUIRED = Map.of(
            "signing.key-path", "/etc/zkedge/edge.pem",
            "verifier.trust-bundle-dir", "/etc/zkedge/bundle",
            "verifier.trusted-keys-dir", "/etc/zkedge/trusted-keys");

    @TempDir
    Path dir;

    @Test
    void shouldHaveTheDocumentedDefaults() {
        VerificationJobConfig config = VerificationJobConfig.fromMap(REQUIRED);

        assertThat(config.get(VerificationJobConfig.PROOFS_TOPIC)).isEqualTo("zkedge.proofs");
        assertThat(config.get(VerificationJobConfig.VERDICTS_TOPIC)).isEqualTo("zkedge.verdicts");
        assertThat(config.get(VerificationJobConfig.COMPLIANCE_TOPIC)).isEqualTo("zkedge.compliance");
        assertThat(config.get(VerificationJobConfig.DEAD_LETTER_TOPIC)).isEqualTo("zkedge.deadletter");
        assertThat(config.get(VerificationJobConfig.MODULES_TOPIC)).isEqualTo("zkedge.modules");
        assertThat(config.get(VerificationJobConfig.BATCH_SIZE)).isEqualTo(64);
        assertThat(config.get(VerificationJobConfig.BATCH_DELAY)).isEqualTo(Duration.ofMillis(20));
        assertThat(config.get(VerificationJobConfig.TRANSACTION_TIMEOUT)).isEqualTo(Duration.ofMillis(300_000));
        assertThat(config.get(VerificationJobConfig.SINK_BATCH_SIZE).getBytes()).isEqualTo(256 * 1024);
        assertThat(config.get(VerificationJobConfig.ALLOW_BUNDLED_MODULES)).isFalse();
        assertThat(config.complianceRule().expected()).isEqualTo(60);
        assertThat(config.guardSettings().replayWindowSize()).isEqualTo(128);
    }

    @Test
    void shouldReadAYamlFileAndLetFlagsOverrideIt() throws Exception {
        Path yaml = dir.resolve("zkedge.yaml");
        Files.writeString(yaml, String.join("\n",
                "kafka:",
                "  bootstrap-servers: broker-1:9092,broker-2:9092",
                "verify:",
                "  batch-size: 128",
                "  batch-delay: 50 ms",
                "signing:",
                "  key-path: /keys/edge.pem",
                "verifier:",
                "  allow-bundled-modules: true",
                ""));

        VerificationJobConfig config = VerificationJobConfig.fromArgs(new String[] {
            "--config", yaml.toString(), "--verify.batch-size", "32", "--compliance.window-size", "5 min"});

        assertThat(config.get(VerificationJobConfig.BOOTSTRAP_SERVERS)).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(config.get(VerificationJobConfig.BATCH_SIZE)).as("the flag wins").isEqualTo(32);
        assertThat(config.get(VerificationJobConfig.BATCH_DELAY)).isEqualTo(Duration.ofMillis(50));
        assertThat(config.get(VerificationJobConfig.WINDOW_SIZE)).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.get(VerificationJobConfig.SIGNING_KEY_PATH)).isEqualTo("/keys/edge.pem");
    }

    @Test
    void shouldReadAPropertiesFile() throws Exception {
        Path properties = dir.resolve("zkedge.properties");
        Files.writeString(properties, "signing.key-path=/k.pem\nverifier.allow-bundled-modules=true\nguard.max-skew=30 s\n");

        VerificationJobConfig config = VerificationJobConfig.fromArgs(new String[] {"--config", properties.toString()});

        assertThat(config.guardSettings().maxSkew()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldNameAnUnknownSetting() {
        assertThatThrownBy(() -> VerificationJobConfig.fromMap(with("verify.batchsize", "10")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting 'verify.batchsize'")
                .hasMessageContaining("verify.batch-size");
    }

    @Test
    void shouldNameTheSettingThatIsOutOfRange() {
        assertThatThrownBy(() -> VerificationJobConfig.fromMap(with("verify.batch-size", "0")))
                .hasMessageContaining("verify.batch-size must be in [1, 256]");
        assertThatThrownBy(() -> VerificationJobConfig.fromMap(with("guard.replay-window", "129")))
                .hasMessageContaining("replayWindowSize");
        assertThatThrownBy(() -> VerificationJobConfig.fromMap(with("compliance.reporting-interval", "2 min")))
                .hasMessageContaining("reportingInterval");
        assertThatThrownBy(() -> VerificationJobConfig.fromMap(with("kafka.starting-offsets", "newest")))
                .hasMessageContaining("kafka.starting-offsets");
        assertThatThrownBy(() -> VerificationJobConfig.fromMap(with("kafka.sink-batch-size", "2 mb")))
                .hasMessageContaining("kafka.sink-batch-size must be in [1 kb, 1 mb]");
    }

    @Test
    void shouldRefuseATransactionTimeoutNotAboveTheCheckpointInterval() {
        Map<String, String> settings = with("kafka.transaction-timeout", "10 s");
        settings.put("checkpoint.interval", "10 s");

        assertThatThrownBy(() -> VerificationJobConfig.fromMap(settings))
                .hasMessageContaining("kafka.transaction-timeout")
                .hasMessageContaining("checkpoint.interval");
    }

    @Test
    void shouldRequireASigningKeyAndATrustBundleUnlessBundledModulesAreAllowed() {
        assertThatThrownBy(() -> VerificationJobConfig.fromMap(Map.of("verifier.allow-bundled-modules", "true")))
                .hasMessageContaining("signing.key-path is required");
        assertThatThrownBy(() -> VerificationJobConfig.fromMap(Map.of("signing.key-path", "/k.pem")))
                .hasMessageContaining("verifier.trust-bundle-dir is required");
        assertThatThrownBy(() -> VerificationJobConfig.fromMap(Map.of("signing.key-path", "/k.pem",
                "verifier.trust-bundle-dir", "/b")))
                .hasMessageContaining("verifier.trusted-keys-dir is required");
    }

    @Test
    void shouldDocumentEveryOption() {
        assertThat(VerificationJobConfig.OPTIONS).hasSizeGreaterThan(25)
                .allSatisfy(o -> assertThat(o.description().toString()).isNotBlank());
    }

    @Test
    void shouldListEveryOptionInTheConfigurationDocument() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));

        assertThat(VerificationJobConfig.OPTIONS).allSatisfy(o -> assertThat(doc).contains("`" + o.key() + "`"));
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> settings = new HashMap<>(REQUIRED);
        settings.put(key, value);
        return settings;
    }
}
