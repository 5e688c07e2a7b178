package io.zkedge.operators.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Sha256;
import io.zkedge.operators.decode.KafkaPayload;
import io.zkedge.operators.decode.ProofEnvelope;
import io.zkedge.operators.testutils.FakeProofs;
import io.zkedge.operators.testutils.Groth16Fixtures;
import io.zkedge.operators.testutils.ModuleReleases;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.schemas.VerdictStatus;
import io.zkedge.trust.UntrustedArtifactException;
import io.zkedge.trust.UntrustedArtifactException.Reason;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groth16 modules and verification keys from a signed trust bundle and from the control topic,
 * through the batch verification operator: records are routed by circuit id, an unsigned or
 * tampered key never loads, an announced key or module takes over from the next batch on and
 * survives a restore.
 */
class TrustBundleGroth16Test {

    private static final byte[] GROTH16 = Sha256.of(ModuleReleases.groth16Module());
    private static final StatementKey SENSOR_KEY = new StatementKey(ProofSystem.GROTH16, Groth16Fixtures.circuitId());

    @TempDir
    Path dir;

    private long offset;

    @Test
    void shouldLoadTheBundlesGroth16ModuleAndKeysAndRouteByCircuitId() throws Exception {
        ModuleReleases releases = new ModuleReleases(dir).withGroth16Module().withVerificationKey(Groth16Fixtures.keyBytes());

        LoadedVerifiers loaded = releases.provider().load(16);

        assertThat(loaded.verifiers()).containsOnlyKeys(StatementKey.BULLETPROOFS_RANGE_V1, SENSOR_KEY);
        try (var harness = harness(releases.provider())) {
            ProofRecord unknown = ProofRecord.newBuilder(Groth16Fixtures.valid("valid-at-min")).setStatementId("ab".repeat(32)).build();
            harness.processElement1(FakeProofs.envelope(Groth16Fixtures.valid("valid-mid-range")), 0);
            harness.processElement1(FakeProofs.envelope(unknown), 0);
            harness.endInput1();

            List<VerifiedProof> out = harness.extractOutputValues();
            assertThat(out).extracting(p -> p.status).containsExactly(VerdictStatus.VALID, VerdictStatus.UNKNOWN_STATEMENT);
            assertThat(out.get(0).moduleSha256).isEqualTo(GROTH16);
            assertThat(out.get(1).moduleSha256).isEmpty();
        }
    }

    @Test
    void shouldRefuseToLoadATamperedOrStrangerSignedKey() throws Exception {
        ModuleReleases releases = new ModuleReleases(dir).withGroth16Module().withVerificationKey(Groth16Fixtures.keyBytes());
        Path keyFile = releases.bundleDir().resolve("keys").resolve(Groth16Fixtures.circuitId() + ".vk");
        byte[] tampered = Groth16Fixtures.keyBytes();
        tampered[tampered.length - 1] ^= 1;
        Files.write(keyFile, tampered);

        UntrustedArtifactException e = catchThrowableOfType(UntrustedArtifactException.class, () -> releases.provider().load(16));

        assertThat(e.reason()).isEqualTo(Reason.DIGEST_MISMATCH);
        assertThat(e.getMessage()).contains(keyFile.toString());

        new io.zkedge.trust.ManifestSigner(Ed25519Keys.generate(new SecureRandom())).writeVerificationKey(
                releases.bundleDir(), ProofSystem.GROTH16, 1, Groth16Fixtures.keyBytes(), java.time.Instant.EPOCH);
        assertThat(catchThrowableOfType(UntrustedArtifactException.class, () -> releases.provider().load(16)).reason())
                .isEqualTo(Reason.UNKNOWN_SIGNER);
    }

    @Test
    void shouldVerifyUnderAnAnnouncedKeyFromTheNextBatchOnAndAfterARestore() throws Exception {
        ModuleReleases releases = new ModuleReleases(dir).withGroth16Module();
        ProofRecord mid = Groth16Fixtures.valid("valid-mid-range");
        OperatorSubtaskState snapshot;
        BatchVerifyOperator operator = new BatchVerifyOperator(releases.provider(), 8, 20);
        try (var harness = new TwoInputStreamOperatorTestHarness<>(operator)) {
            harness.open();
            harness.processElement1(FakeProofs.envelope(mid), 0);

            ModuleAnnouncement stranger = ModuleReleases.announceVerificationKey(
                    Ed25519Keys.generate(new SecureRandom()), Groth16Fixtures.keyBytes());
            ModuleAnnouncement tampered = releases.announceVerificationKey(Groth16Fixtures.keyBytes());
            byte[] key = Groth16Fixtures.keyBytes();
            key[10] ^= 1;
            tampered.setArtifact(ByteBuffer.wrap(key));
            announce(harness, stranger);
            announce(harness, tampered);
            assertThat(operator.refusedAnnouncements()).isEqualTo(2);
            assertThat(operator.activeModule(SENSOR_KEY)).isNull();

            announce(harness, releases.announceVerificationKey(Groth16Fixtures.keyBytes()));
            harness.processElement1(FakeProofs.envelope(mid), 1);
            harness.endInput1();

            assertThat(harness.extractOutputValues()).extracting(p -> p.status)
                    .containsExactly(VerdictStatus.UNKNOWN_STATEMENT, VerdictStatus.VALID);
            assertThat(operator.activeModule(SENSOR_KEY)).isEqualTo(GROTH16);
            snapshot = harness.snapshot(1, 1);
        }

        BatchVerifyOperator restored = new BatchVerifyOperator(releases.provider(), 8, 20);
        try (var harness = new TwoInputStreamOperatorTestHarness<>(restored)) {
            harness.initializeState(snapshot);
            harness.open();
            harness.processElement1(FakeProofs.envelope(mid), 2);
            harness.endInput1();

            assertThat(harness.extractOutputValues()).singleElement().satisfies(p -> assertThat(p.status).isEqualTo(VerdictStatus.VALID));
        }
    }

    @Test
    void shouldLetAnAnnouncedGroth16ModuleTakeOverEveryKeyIncludingOnesAnnouncedLater() throws Exception {
        ModuleReleases releases = new ModuleReleases(dir).withGroth16Module().withVerificationKey(Groth16Fixtures.keyBytes());
        byte[] next = ModuleReleases.withReleaseSection(ModuleReleases.groth16Module(), "2");
        BatchVerifyOperator operator = new BatchVerifyOperator(releases.provider(), 8, 20);
        try (var harness = new TwoInputStreamOperatorTestHarness<>(operator)) {
            harness.open();
            assertThat(operator.activeModule(SENSOR_KEY)).isEqualTo(GROTH16);

            announce(harness, releases.announceGroth16Module(next));
            harness.processElement1(FakeProofs.envelope(Groth16Fixtures.valid("valid-at-max")), 0);
            announce(harness, releases.announceVerificationKey(Groth16Fixtures.keyBytes())); // the same key, again
            harness.endInput1();

            assertThat(operator.refusedAnnouncements()).isZero();
            assertThat(harness.extractOutputValues()).singleElement().satisfies(p -> {
                assertThat(p.status).isEqualTo(VerdictStatus.VALID);
                assertThat(p.moduleSha256).isEqualTo(Sha256.of(next));
            });
            assertThat(operator.activeModule(SENSOR_KEY)).as("a key announced after the module").isEqualTo(Sha256.of(next));
            assertThat(operator.activeModule(StatementKey.BULLETPROOFS_RANGE_V1)).isEqualTo(Sha256.of(ModuleReleases.currentModule()));
        }
    }

    @Test
    void shouldRefuseASignedGroth16ModuleThatFailsItsSelfTestAndKeepTheCurrentOne() throws Exception {
        // Frames requests as the ABI does but answers from the proof's last byte: it cannot tell
        // the known answer's valid statement from the one with another seq.
        byte[] fake = io.zkedge.testutils.TestModules.bytes("fake_groth16_verifier");
        ModuleReleases releases = new ModuleReleases(dir).withGroth16Module().withVerificationKey(Groth16Fixtures.keyBytes());
        BatchVerifyOperator operator = new BatchVerifyOperator(releases.provider(), 8, 20);
        try (var harness = new TwoInputStreamOperatorTestHarness<>(operator)) {
            harness.open();

            announce(harness, releases.announceGroth16Module(fake));
            assertThat(operator.refusedAnnouncements()).isEqualTo(1);
            assertThat(operator.activeModule(SENSOR_KEY)).isEqualTo(GROTH16);

            // The provider did not switch either: a key announced now is verified with the bundle's module.
            announce(harness, releases.announceVerificationKey(Groth16Fixtures.keyBytes()));
            harness.processElement1(FakeProofs.envelope(Groth16Fixtures.valid("valid-mid-range")), 0);
            harness.endInput1();
            assertThat(harness.extractOutputValues()).singleElement().satisfies(p -> {
                assertThat(p.status).isEqualTo(VerdictStatus.VALID);
                assertThat(p.moduleSha256).isEqualTo(GROTH16);
            });
        }
    }

    @Test
    void shouldRefuseAnAnnouncedKeyWithoutAGroth16Module() throws Exception {
        ModuleReleases releases = new ModuleReleases(dir);
        BatchVerifyOperator operator = new BatchVerifyOperator(releases.provider(), 8, 20);
        try (var harness = new TwoInputStreamOperatorTestHarness<>(operator)) {
            harness.open();
            announce(harness, releases.announceVerificationKey(Groth16Fixtures.keyBytes()));

            assertThat(operator.refusedAnnouncements()).isEqualTo(1);
            assertThat(operator.activeModule(SENSOR_KEY)).isNull();
        }
    }

    private static TwoInputStreamOperatorTestHarness<ProofEnvelope, KafkaPayload, VerifiedProof> harness(VerifierProvider provider)
            throws Exception {
        var harness = new TwoInputStreamOperatorTestHarness<ProofEnvelope, KafkaPayload, VerifiedProof>(
                new BatchVerifyOperator(provider, 8, 20));
        harness.open();
        return harness;
    }

    private void announce(TwoInputStreamOperatorTestHarness<ProofEnvelope, KafkaPayload, VerifiedProof> harness,
            ModuleAnnouncement announcement) throws Exception {
        harness.processElement2(new KafkaPayload("modules", 0, offset++, null, ModuleReleases.encode(announcement), 0), 0);
    }
}
