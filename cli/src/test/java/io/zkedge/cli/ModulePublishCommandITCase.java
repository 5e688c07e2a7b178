package io.zkedge.cli;

import static io.zkedge.cli.ModuleFixtures.NAME;
import static io.zkedge.cli.ModuleFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.embedded.EmbeddedKafkaExtension;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.evidence.Sha256;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.trust.ArtifactVerifier;
import io.zkedge.trust.TrustStore;
import io.zkedge.trust.VerifiedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code module publish} to an in-JVM broker; the announcement read back must pass the job's check. */
@EnabledIf(value = "io.zkedge.bulletproofs.BundledModules#available",
        disabledReason = "verifiers/dist/*.wasm were not built when this jar was")
class ModulePublishCommandITCase {

    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension().withTopics(1, "modules-ok", "modules-refused");

    @TempDir
    Path dir;

    @Test
    void shouldPublishAnAnnouncementThatTheArtifactVerifierAccepts() throws Exception {
        Path module = ModuleFixtures.verifierModule(dir);
        Ed25519PrivateKey key = ModuleFixtures.keyPair(dir, "signing");
        assertThat(CliRun.of("module", "sign", "--module", module.toString(), "--key", at(dir, "signing.key"),
                "--proof-system", "bulletproofs", "--abi-version", "1").exit()).isZero();

        CliRun publish = CliRun.of("module", "publish", "--bootstrap-servers", KAFKA.bootstrapServers(),
                "--module", module.toString(), "--manifest", at(dir, NAME + ".manifest"), "--topic", "modules-ok",
                "--trust-key", at(dir, "signing.pub"));

        assertThat(publish.exit()).as(publish.err()).isZero();
        assertThat(publish.out()).contains("\"topic\":\"modules-ok\"").contains("\"offset\":0");
        List<ConsumerRecord<String, byte[]>> read = ControlTopic.read(KAFKA, "modules-ok", 1);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).key()).isEqualTo(NAME);
        ModuleAnnouncement announcement = AvroCodec.forModuleAnnouncements().decode(read.get(0).value());
        VerifiedModule verified = new ArtifactVerifier(TrustStore.of(key.publicKey())).verify(announcement);
        assertThat(verified.name()).isEqualTo(NAME);
        assertThat(verified.signerKeyId()).isEqualTo(key.keyId());
        assertThat(verified.sha256Hex()).isEqualTo(Sha256.hex(Sha256.of(Files.readAllBytes(module))));
        assertThat(verified.bytes()).isEqualTo(Files.readAllBytes(module));
    }

    @Test
    void shouldPublishNothingThatTheJobWouldRefuse() throws Exception {
        Path module = ModuleFixtures.verifierModule(dir);
        ModuleFixtures.keyPair(dir, "signing");
        ModuleFixtures.keyPair(dir, "other");
        assertThat(CliRun.of("module", "sign", "--module", module.toString(), "--key", at(dir, "signing.key"),
                "--proof-system", "bulletproofs", "--abi-version", "1").exit()).isZero();
        String[] base = {"module", "publish", "--bootstrap-servers", KAFKA.bootstrapServers(), "--module",
            module.toString(), "--manifest", at(dir, NAME + ".manifest"), "--topic", "modules-refused"};

        CliRun untrusted = CliRun.of(ControlTopic.concat(base, "--trust-key", at(dir, "other.pub")));
        assertThat(untrusted.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(untrusted.err()).contains("UNKNOWN_SIGNER").hasLineCount(1);

        byte[] bytes = Files.readAllBytes(module);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(module, bytes);
        CliRun tampered = CliRun.of(base);
        assertThat(tampered.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(tampered.err()).contains("SHA-256").hasLineCount(1);

        CliRun noBroker = CliRun.of("module", "publish", "--module", module.toString(), "--manifest",
                at(dir, NAME + ".manifest"));
        assertThat(noBroker.exit()).isEqualTo(ExitCode.USAGE);

        assertThat(ControlTopic.read(KAFKA, "modules-refused", 0)).isEmpty();
    }
}
