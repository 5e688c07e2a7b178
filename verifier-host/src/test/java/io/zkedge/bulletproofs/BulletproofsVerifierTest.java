package io.zkedge.bulletproofs;

import static io.zkedge.bulletproofs.StatementEncoderTest.filled;
import static io.zkedge.bulletproofs.VerificationStatus.INVALID;
import static io.zkedge.bulletproofs.VerificationStatus.MALFORMED;
import static io.zkedge.bulletproofs.VerificationStatus.UNSUPPORTED;
import static io.zkedge.bulletproofs.VerificationStatus.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.testutils.FixedSeedRandom;
import io.zkedge.testutils.TestModules;
import io.zkedge.wasm.WasmModule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verifier's batching and fault handling, against fake_bulletproofs_verifier.wasm: it frames
 * requests exactly as ABI.md does, and takes each statement's status from its first proof byte
 * (0xFF: trap). See the .wat for the rules.
 */
class BulletproofsVerifierTest {

    private static final int TRAP = 0xff;

    private static WasmModule fakeVerifier;

    @BeforeAll
    static void loadFake() throws Exception {
        fakeVerifier = TestModules.builder("fake_bulletproofs_verifier")
                .setRequiredFunctions(BulletproofsAbi.VERIFY_BATCH)
                .build();
    }

    @Test
    void answersOneStatusPerStatementInOrder() throws Exception {
        List<Statement> statements = List.of(
                range(1, 0), raw(2, 1), range(3, 2), raw(4, 3), range(5, 0x10), range(6, 0x21));

        List<VerificationStatus> statuses = verifier().verify(statements);

        assertThat(statuses).containsExactly(VALID, INVALID, MALFORMED, UNSUPPORTED, VALID, INVALID);
    }

    @Test
    void poisonousStatementIsMalformedAndTheOthersKeepTheirStatus() throws Exception {
        List<Statement> statements = new ArrayList<>();
        List<VerificationStatus> expected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            boolean poison = i == 17;
            int first = poison ? TRAP : i % 2;
            statements.add(i % 3 == 0 ? raw(i, first) : range(i, first));
            expected.add(poison ? MALFORMED : (i % 2 == 0 ? VALID : INVALID));
        }
        BulletproofsVerifier verifier = verifier();

        List<VerificationStatus> statuses = verifier.verify(statements);

        assertThat(statuses).containsExactlyElementsOf(expected);
        // Halving isolates one poisonous statement in log2(64) + 1 failing calls.
        assertThat(verifier.faultCount()).isEqualTo(7);
        // The verifier replaced its broken instance and goes on.
        assertThat(verifier.verify(List.of(range(1, 0)))).containsExactly(VALID);
    }

    @Test
    void everyPoisonousStatementIsIsolated() throws Exception {
        List<Statement> statements = Collections.nCopies(10, range(1, TRAP));

        assertThat(verifier().verify(statements)).containsOnly(MALFORMED).hasSize(10);
    }

    @Test
    void splitsIntoCallsOfAtMost256StatementsEachWithAFreshSeed() throws Exception {
        // The fake answers -2 to more than 256 statements, which the verifier would report as a broken module.
        List<Statement> statements = Collections.nCopies(600, range(1, 0));
        FixedSeedRandom random = new FixedSeedRandom(0x5e);
        BulletproofsVerifier verifier = BulletproofsVerifier.builder()
                .setModule(fakeVerifier)
                .setRandom(random)
                .build();

        List<VerificationStatus> statuses = verifier.verify(statements);

        assertThat(statuses).hasSize(600).containsOnly(VALID);
        assertThat(random.requests()).isEqualTo(3);
        assertThat(verifier.faultCount()).isZero();
    }

    @Test
    void honoursASmallerBatchSize() throws Exception {
        FixedSeedRandom random = new FixedSeedRandom(1);
        BulletproofsVerifier verifier = BulletproofsVerifier.builder()
                .setModule(fakeVerifier)
                .setRandom(random)
                .setMaxBatchSize(10)
                .build();

        verifier.verify(Collections.nCopies(25, range(1, 0)));

        assertThat(random.requests()).isEqualTo(3);
    }

    @Test
    void statementsTheAbiCannotFrameGetTheirStatusWithoutBeingSent() throws Exception {
        // The fake would answer VALID (first byte 0) to these, so MALFORMED/UNSUPPORTED proves they were not sent.
        byte[] overLongProof = new byte[4097];
        RangeStatement overLong = new RangeStatement(8, filled(32, 1), 0, 9, "s", 1, 1, overLongProof);
        RangeStatement tooManyBits = new RangeStatement(300, filled(32, 1), 0, 9, "s", 1, 1, new byte[] {0});
        FixedSeedRandom random = new FixedSeedRandom(1);
        BulletproofsVerifier verifier = BulletproofsVerifier.builder().setModule(fakeVerifier).setRandom(random).build();

        List<VerificationStatus> statuses = verifier.verify(List.of(range(1, 0), overLong, tooManyBits, range(2, 1)));

        assertThat(statuses).containsExactly(VALID, MALFORMED, UNSUPPORTED, INVALID);
        assertThat(random.requests()).isEqualTo(1);
    }

    @Test
    void answersAnEmptyListWithoutCallingTheModule() throws Exception {
        FixedSeedRandom random = new FixedSeedRandom(1);
        BulletproofsVerifier verifier = BulletproofsVerifier.builder().setModule(fakeVerifier).setRandom(random).build();

        assertThat(verifier.verify(List.of())).isEmpty();
        assertThat(random.requests()).isZero();
    }

    @Test
    void interruptionIsNotTurnedIntoAStatus() {
        BulletproofsVerifier verifier = verifier();

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> verifier.verify(List.of(range(1, 0))))
                .isInstanceOf(InterruptedException.class);
        assertThat(verifier.faultCount()).isZero();
    }

    @Test
    void builderNamesTheWrongOption() throws Exception {
        WasmModule withoutVerifyBatch = TestModules.load("host_fixture");

        assertThatThrownBy(() -> BulletproofsVerifier.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("module must be set");
        assertThatThrownBy(() -> BulletproofsVerifier.builder().setModule(withoutVerifyBatch).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not export zk_verify_batch");
        assertThatThrownBy(() -> BulletproofsVerifier.builder().setModule(fakeVerifier).setMaxBatchSize(257).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBatchSize");
        assertThatThrownBy(() -> BulletproofsVerifier.builder().setModule(fakeVerifier).setMaxBatchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBatchSize");
    }

    private static BulletproofsVerifier verifier() {
        return BulletproofsVerifier.builder().setModule(fakeVerifier).build();
    }

    /** A kind-2 statement whose proof starts with {@code firstProofByte}. */
    private static RangeStatement range(int seq, int firstProofByte) {
        byte[] proof = filled(96, 0x42);
        proof[0] = (byte) firstProofByte;
        return new RangeStatement(32, filled(32, seq), 10, 20, "sensor-" + seq, seq, 1_700_000_000_000L + seq, proof);
    }

    /** A kind-1 statement whose proof starts with {@code firstProofByte}. */
    private static RawRangeStatement raw(int seq, int firstProofByte) {
        byte[] proof = filled(64, 0x24);
        proof[0] = (byte) firstProofByte;
        List<byte[]> commitments = Collections.nCopies(1 + seq % 4, filled(32, seq));
        return new RawRangeStatement(64, ("label-" + seq).getBytes(), commitments, proof);
    }
}
