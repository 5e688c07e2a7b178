package io.zkedge.cli;

import static io.zkedge.cli.ModuleFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.embedded.EmbeddedKafkaExtension;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.schemas.ArtifactKind;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.trust.ArtifactVerifier;
import io.zkedge.trust.TrustBundle;
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

/**
 * {@code vk sign} of the sensor range circuit's snarkjs key into a trust bundle that a job's
 * {@link TrustBundle} accepts, and {@code vk publish} of it to an in-JVM broker.
 */
@EnabledIf(value = "io.zkedge.groth16.Groth16Modules#available",
        disabledReason = "verifiers/dist/*.wasm were not built when this jar was")
class VkCommandsITCase {

    private static final Path VK = Path.of("..", "circuits", "build", "verification_key.json");
    private static final Path CIRCUIT_ID = Path.of("..", "circuits", "build", "circuit-id.txt");

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension().withTopics(1, "vk-ok", "vk-refused");

    @TempDir
    Path dir;

    @Test
    void signsAKeyIntoTheBundleUnderItsCircuitIdAndPublishesAnAnnouncementTheJobAccepts() throws Exception {
        Ed25519PrivateKey key = ModuleFixtures.keyPair(dir, "signing");
        Path bundle = Files.createDirectory(dir.resolve("bundle"));
        Files.createDirectory(bundle.resolve(TrustBundle.MODULES_DIR)); // a bundle has its modules too
        String circuitId = Files.readString(CIRCUIT_ID).trim();

        CliRun sign = CliRun.of("vk", "sign", "--vk", VK.toString(), "--key", at(dir, "signing.key"),
                "--bundle", bundle.toString());

        assertThat(sign.exit()).as(sign.err()).isZero();
        assertThat(sign.out()).contains("\"circuit_id\":\"" + circuitId + "\"").contains("\"n_public\":6");
        VerifiedModule loaded = TrustBundle.open(bundle, TrustStore.of(key.publicKey())).verificationKey(circuitId);
        assertThat(loaded.kind()).isEqualTo(ArtifactKind.VERIFICATION_KEY);
        assertThat(loaded.proofSystem()).isEqualTo(ProofSystem.GROTH16);

        CliRun publish = CliRun.of("vk", "publish", "--bootstrap-servers", KAFKA.bootstrapServers(), "--bundle",
                bundle.toString(), "--circuit-id", circuitId, "--topic", "vk-ok", "--trust-key", at(dir, "signing.pub"));

        assertThat(publish.exit()).as(publish.err()).isZero();
        List<ConsumerRecord<String, byte[]>> read = ControlTopic.read(KAFKA, "vk-ok", 1);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).key()).isEqualTo(circuitId);
        ModuleAnnouncement announcement = AvroCodec.forModuleAnnouncements().decode(read.get(0).value());
        VerifiedModule announced = new ArtifactVerifier(TrustStore.of(key.publicKey())).verify(announcement);
        assertThat(announced.kind()).isEqualTo(ArtifactKind.VERIFICATION_KEY);
        assertThat(announced.bytes()).isEqualTo(loaded.bytes());
    }

    @Test
    void refusesToSignAKeyWhosePointIsOffItsCurve() throws Exception {
        ModuleFixtures.keyPair(dir, "signing");
        Path bundle = Files.createDirectory(dir.resolve("bundle"));
        // alpha's y + 1: still a canonical coordinate, no longer on the curve.
        String json = Files.readString(VK).replace(
                "8139692027412825930445381207834292651860966066601728156858505087543003939608",
                "8139692027412825930445381207834292651860966066601728156858505087543003939609");
        Path offCurve = Files.writeString(dir.resolve("off-curve.json"), json);

        CliRun sign = CliRun.of("vk", "sign", "--vk", offCurve.toString(), "--key", at(dir, "signing.key"),
                "--bundle", bundle.toString());

        assertThat(sign.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(sign.err()).contains("refusing to sign").hasLineCount(1);
        assertThat(bundle.resolve(TrustBundle.KEYS_DIR)).doesNotExist();
    }

    @Test
    void publishesNothingThatTheJobWouldRefuse() throws Exception {
        ModuleFixtures.keyPair(dir, "signing");
        ModuleFixtures.keyPair(dir, "other");
        Path bundle = Files.createDirectory(dir.resolve("bundle"));
        String circuitId = Files.readString(CIRCUIT_ID).trim();
        assertThat(CliRun.of("vk", "sign", "--vk", VK.toString(), "--key", at(dir, "signing.key"), "--bundle",
                bundle.toString()).exit()).isZero();
        String[] base = {"vk", "publish", "--bootstrap-servers", KAFKA.bootstrapServers(), "--bundle",
            bundle.toString(), "--circuit-id", circuitId, "--topic", "vk-refused"};

        CliRun untrusted = CliRun.of(ControlTopic.concat(base, "--trust-key", at(dir, "other.pub")));
        assertThat(untrusted.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(untrusted.err()).contains("UNKNOWN_SIGNER").hasLineCount(1);

        Path keyFile = bundle.resolve(TrustBundle.KEYS_DIR).resolve(circuitId + TrustBundle.KEY_SUFFIX);
        byte[] bytes = Files.readAllBytes(keyFile);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(keyFile, bytes);
        CliRun tampered = CliRun.of(base);
        assertThat(tampered.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(tampered.err()).contains("SHA-256").hasLineCount(1);

        CliRun badId = CliRun.of("vk", "publish", "--bootstrap-servers", KAFKA.bootstrapServers(), "--bundle",
                bundle.toString(), "--circuit-id", "../../etc/passwd");
        assertThat(badId.exit()).isEqualTo(ExitCode.USAGE);

        assertThat(ControlTopic.read(KAFKA, "vk-refused", 0)).isEmpty();
    }
}
