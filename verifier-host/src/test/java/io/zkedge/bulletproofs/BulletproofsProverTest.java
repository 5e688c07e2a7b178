package io.zkedge.bulletproofs;

import static io.zkedge.bulletproofs.StatementEncoderTest.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.testutils.FixedSeedRandom;
import io.zkedge.testutils.TestModules;
import io.zkedge.wasm.WasmModule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prover's request framing and error mapping, against fake_bulletproofs_prover.wasm: it checks
 * requests as ABI.md says and answers the ABI's error codes; its "proof" is 64 zero bytes and its
 * blinding r is the seed. See the .wat for the rules.
 */
class BulletproofsProverTest {

    private static WasmModule fakeProver;
    private static WasmModule fakeVerifier;

    @BeforeAll
    static void loadFakes() throws Exception {
        fakeProver = TestModules.builder("fake_bulletproofs_prover")
                .setRequiredFunctions(BulletproofsAbi.PROVE)
                .build();
        fakeVerifier = TestModules.builder("fake_bulletproofs_verifier")
                .setRequiredFunctions(BulletproofsAbi.VERIFY_BATCH)
                .build();
    }

    @Test
    void rangeProofOutputIsCommitmentThenBlindingThenProof() throws Exception {
        FixedSeedRandom random = new FixedSeedRandom(0x5e);
        BulletproofsProver prover = BulletproofsProver.builder().setModule(fakeProver).setRandom(random).build();

        RangeProofBundle bundle = prover.proveRange(42, 0, 100, 8, "sensor-1", 7, 1_700_000_000_000L);

        assertThat(bundle.commitment()).isEqualTo(filled(32, 0xc0));
        assertThat(bundle.blinding()).isEqualTo(filled(32, 0x5e)); // the fake's r is the host's seed
        assertThat(bundle.proof()).isEqualTo(new byte[64]);
        assertThat(random.requests()).isEqualTo(1);
    }

    @Test
    void valueOutsideTheRangeIsRefused() {
        BulletproofsProver prover = prover();

        assertThatThrownBy(() -> prover.proveRange(150, 0, 100, 8, "s", 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value 150 is outside [0, 100]");
        assertThatThrownBy(() -> prover.proveRange(-1, 0, 100, 8, "s", 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value -1 is outside [0, 100]");
    }

    @Test
    void rangeWiderThanTheBitsIsRefused() {
        assertThatThrownBy(() -> prover().proveRange(5, 0, 256, 8, "s", 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the range [0, 256] is wider than 2^8 values");
    }

    @Test
    void unsupportedBitsAreRefused() {
        assertThatThrownBy(() -> prover().proveRange(5, 0, 10, 12, "s", 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bits must be 8, 16, 32 or 64, was 12");
        assertThatThrownBy(() -> prover().proveRange(5, 0, 10, 512, "s", 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bits must be 8, 16, 32 or 64, was 512");
    }

    @Test
    void overLongSensorIdIsRefused() {
        assertThatThrownBy(() -> prover().proveRange(5, 0, 10, 8, "x".repeat(257), 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sensor id is 257 bytes in UTF-8, the limit is 256");
    }

    @Test
    void rawProofHasOneCommitmentPerValue() throws Exception {
        RawProofBundle bundle = prover().prove(16, "lbl".getBytes(), new long[] {1, 65_535},
                new byte[][] {filled(32, 1), filled(32, 2)});

        assertThat(bundle.commitments()).hasSize(2);
        assertThat(bundle.commitments().get(0)).isEqualTo(filled(32, 0xc1));
        assertThat(bundle.commitments().get(1)).isEqualTo(filled(32, 0xc2));
        assertThat(bundle.proof()).isEqualTo(new byte[64]);
    }

    @Test
    void rawValueThatDoesNotFitIsRefused() {
        assertThatThrownBy(() -> prover().prove(16, new byte[0], new long[] {65_536}, new byte[][] {filled(32, 1)}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a value does not fit in 16 bits");
    }

    @Test
    void unsupportedNumberOfValuesIsRefused() {
        assertThatThrownBy(() -> prover().prove(8, new byte[0], new long[3], new byte[][] {
                        filled(32, 1), filled(32, 1), filled(32, 1)}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("were 8 and 3");
    }

    @Test
    void nonCanonicalBlindingIsRefused() {
        byte[] blinding = filled(32, 0xff); // above the group order
        assertThatThrownBy(() -> prover().prove(8, new byte[0], new long[] {1}, new byte[][] {blinding}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a canonical scalar");
    }

    @Test
    void blindingsMustMatchValues() {
        assertThatThrownBy(() -> prover().prove(8, new byte[0], new long[] {1, 2}, new byte[][] {filled(32, 1)}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 values but 1 blindings");
        assertThatThrownBy(() -> prover().prove(8, new byte[0], new long[] {1}, new byte[][] {new byte[31]}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blinding 0 is 31 bytes, not 32");
    }

    @Test
    void proverOutputFramesIntoAStatementTheVerifierParses() throws Exception {
        // Both fakes parse the ABI framing; a zero proof is VALID to the fake verifier.
        RangeProofBundle range = prover().proveRange(3, -10, 10, 8, "sensor-ü", -1L, 5);
        RawProofBundle raw = prover().prove(64, "l".getBytes(), new long[] {-1L}, new byte[][] {filled(32, 1)});
        BulletproofsVerifier verifier = BulletproofsVerifier.builder().setModule(fakeVerifier).build();

        assertThat(verifier.verify(java.util.List.of(
                        range.statement(8, -10, 10, "sensor-ü", -1L, 5), raw.statement(64, "l".getBytes()))))
                .containsExactly(VerificationStatus.VALID, VerificationStatus.VALID);
    }

    @Test
    void builderNamesTheWrongOption() {
        assertThatThrownBy(() -> BulletproofsProver.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("module must be set");
        assertThatThrownBy(() -> BulletproofsProver.builder().setModule(fakeVerifier).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not export zk_prove");
    }

    private static BulletproofsProver prover() {
        return BulletproofsProver.builder().setModule(fakeProver).build();
    }
}
