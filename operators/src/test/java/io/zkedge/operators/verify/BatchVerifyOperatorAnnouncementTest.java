package io.zkedge.operators.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Sha256;
import io.zkedge.operators.decode.KafkaPayload;
import io.zkedge.operators.decode.ProofEnvelope;
import io.zkedge.operators.testutils.FakeProofs;
import io.zkedge.operators.testutils.ModuleReleases;
import io.zkedge.operators.testutils.ProofFixtures;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.schemas.VerdictStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run-time module replacement through the control topic, with the real verifier module, a real
 * trust store and signed announcements: what is refused keeps the current module, what is
 * accepted verifies from the next batch on and survives a restore.
 */
class BatchVerifyOperatorAnnouncementTest {

    private static final byte[] CURRENT = Sha256.of(ModuleReleases.currentModule());
    private static final byte[] NEXT_MODULE = ModuleReleases.nextModule("2");
    private static final byte[] NEXT = Sha256.of(NEXT_MODULE);

    @TempDir
    Path dir;

    private ModuleReleases releases;
    private BatchVerifyOperator operator;
    private TwoInputStreamOperatorTestHarness<ProofEnvelope, KafkaPayload, VerifiedProof> harness;
    private long offset;

    @BeforeAll
    static void proveReadings() {
        ProofFixtures.warm(List.of("s-1"), 0, 4);
    }

    @BeforeEach
    void setUp() throws Exception {
        releases = new ModuleReleases(dir);
        operator = new BatchVerifyOperator(releases.provider(), 8, 20);
        harness = new TwoInputStreamOperatorTestHarness<>(operator);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void shouldVerifyWithAnAcceptedModuleFromTheNextBatchOn() throws Exception {
        harness.processElement1(FakeProofs.envelope(ProofFixtures.valid("s-1", 0)), 0);

        announce(releases.announce(NEXT_MODULE));
        harness.processElement1(FakeProofs.envelope(ProofFixtures.valid("s-1", 1)), 1);
        harness.endInput1();

        List<VerifiedProof> out = harness.extractOutputValues();
        assertThat(out).extracting(p -> p.status).containsExactly(VerdictStatus.VALID, VerdictStatus.VALID);
        assertThat(out.get(0).moduleSha256).as("buffered before the announcement: the old module").isEqualTo(CURRENT);
        assertThat(out.get(1).moduleSha256).isEqualTo(NEXT);
        assertThat(out.get(0).batchId).isNotEqualTo(out.get(1).batchId);
        assertThat(operator.refusedAnnouncements()).isZero();
    }

    @Test
    void shouldRefuseABadSignatureAnUnknownSignerAnOtherArtifactAndGarbageAndKeepTheCurrentModule() throws Exception {
        ModuleAnnouncement badSignature = releases.announce(NEXT_MODULE);
        byte[] signature = badSignature.getSignature().array().clone();
        signature[10] ^= 1;
        badSignature.setSignature(ByteBuffer.wrap(signature));
        ModuleAnnouncement unknownSigner = ModuleReleases.announce(Ed25519Keys.generate(new SecureRandom()), NEXT_MODULE);
        ModuleAnnouncement otherArtifact = releases.announce(NEXT_MODULE);
        otherArtifact.setArtifact(ByteBuffer.wrap(ModuleReleases.nextModule("3")));

        announce(badSignature);
        announce(unknownSigner);
        announce(otherArtifact);
        harness.processElement2(new KafkaPayload("modules", 0, offset++, null,
                "not an announcement".getBytes(StandardCharsets.UTF_8), 0), 0);

        assertThat(operator.refusedAnnouncements()).isEqualTo(4);
        assertThat(operator.activeModule(StatementKey.BULLETPROOFS_RANGE_V1)).isEqualTo(CURRENT);
        harness.processElement1(FakeProofs.envelope(ProofFixtures.valid("s-1", 2)), 2);
        harness.endInput1();
        assertThat(harness.extractOutputValues()).singleElement().satisfies(p -> {
            assertThat(p.status).isEqualTo(VerdictStatus.VALID);
            assertThat(p.moduleSha256).isEqualTo(CURRENT);
        });
    }

    @Test
    void shouldLoadTheAnnouncedModuleAgainAfterARestore() throws Exception {
        announce(releases.announce(NEXT_MODULE));
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);

        BatchVerifyOperator restoredOperator = new BatchVerifyOperator(releases.provider(), 8, 20);
        try (TwoInputStreamOperatorTestHarness<ProofEnvelope, KafkaPayload, VerifiedProof> restored =
                new TwoInputStreamOperatorTestHarness<>(restoredOperator)) {
            restored.initializeState(snapshot);
            restored.open();

            assertThat(restoredOperator.activeModule(StatementKey.BULLETPROOFS_RANGE_V1)).isEqualTo(NEXT);
            restored.processElement1(FakeProofs.envelope(ProofFixtures.valid("s-1", 3)), 3);
            restored.endInput1();
            assertThat(restored.extractOutputValues()).singleElement()
                    .satisfies(p -> assertThat(p.moduleSha256).isEqualTo(NEXT));
        }
    }

    private void announce(ModuleAnnouncement announcement) throws Exception {
        harness.processElement2(new KafkaPayload("modules", 0, offset++, null, ModuleReleases.encode(announcement), 0), 0);
    }
}
