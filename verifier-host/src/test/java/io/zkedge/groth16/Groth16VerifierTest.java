package io.zkedge.groth16;

import static io.zkedge.groth16.Groth16Status.INVALID;
import static io.zkedge.groth16.Groth16Status.MALFORMED_INPUT_COUNT;
import static io.zkedge.groth16.Groth16Status.MALFORMED_MODULE_FAULT;
import static io.zkedge.groth16.Groth16Status.MALFORMED_NOT_ON_CURVE;
import static io.zkedge.groth16.Groth16Status.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.testutils.FixedSeedRandom;
import io.zkedge.testutils.TestModules;
import io.zkedge.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verifier's key cache, batching and fault handling, against fake_groth16_verifier.wasm: it
 * frames keys and requests exactly as ABI.md does and takes each proof's status from the proof's
 * last byte (0xFF: trap, 0xFE: "broken framing"). See the .wat for the rules.
 */
class Groth16VerifierTest {

    private static final int TRAP = 0xff;
    private static final int REFUSE = 0xfe;
    private static final int N_PUBLIC = 2;

    private static WasmModule fake;

    @BeforeAll
    static void loadFake() throws Exception {
        fake = TestModules.builder("fake_groth16_verifier")
                .setRequiredFunctions(Groth16Abi.PREPARED_LEN, Groth16Abi.PREPARE_KEY, Groth16Abi.VERIFY_BATCH)
                .build();
    }

    @Test
    void answersOneStatusPerProofInOrderWithItsReason() throws Exception {
        List<Groth16Statement> statements = List.of(proof(0), proof(1), proof(4), proof(7), proof(0));

        List<Groth16Status> statuses = verifier().verify(key(0), statements);

        assertThat(statuses).containsExactly(VALID, INVALID, MALFORMED_NOT_ON_CURVE, MALFORMED_INPUT_COUNT, VALID);
        assertThat(statuses.get(2).verdict()).isEqualTo(Groth16Status.Verdict.MALFORMED);
        assertThat(statuses.get(2).reason()).contains("not on the curve");
    }

    @Test
    void poisonousProofIsMalformedAndTheOthersKeepTheirStatus() throws Exception {
        List<Groth16Statement> statements = new ArrayList<>();
        List<Groth16Status> expected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            int mark = i == 17 ? TRAP : i == 40 ? REFUSE : i % 2;
            statements.add(proof(mark));
            expected.add(mark >= REFUSE ? MALFORMED_MODULE_FAULT : i % 2 == 0 ? VALID : INVALID);
        }
        Groth16Verifier verifier = verifier();

        assertThat(verifier.verify(key(0), statements)).containsExactlyElementsOf(expected);
        // Each poison costs one failed call per level of the halving: log2(64) + 1.
        assertThat(verifier.faultCount()).isEqualTo(2 * 7 - 1);
        assertThat(verifier.verify(key(0), List.of(proof(0)))).containsExactly(VALID);
    }

    @Test
    void proofWithTheWrongNumberOfInputsIsMalformedWithoutBeingSent() throws Exception {
        FixedSeedRandom random = new FixedSeedRandom(1);
        Groth16Verifier verifier = Groth16Verifier.builder().setModule(fake).setRandom(random).build();
        Groth16Statement threeInputs = new Groth16Statement(proof(0).proof(), inputs(3));

        assertThat(verifier.verify(key(0), List.of(threeInputs))).containsExactly(MALFORMED_INPUT_COUNT);
        assertThat(random.requests()).isZero();
        assertThat(verifier.preparationCount()).isZero();
    }

    @Test
    void largeInputsAreSplitIntoBatchesOfTheConfiguredSizeEachWithItsOwnSeed() throws Exception {
        FixedSeedRandom random = new FixedSeedRandom(7);
        Groth16Verifier verifier = Groth16Verifier.builder().setModule(fake).setRandom(random).setMaxBatchSize(100).build();
        List<Groth16Statement> statements = new ArrayList<>();
        for (int i = 0; i < 601; i++) {
            statements.add(proof(i % 2));
        }

        List<Groth16Status> statuses = verifier.verify(key(0), statements);

        assertThat(statuses).hasSize(601);
        assertThat(statuses.get(600)).isEqualTo(VALID);
        assertThat(statuses.get(599)).isEqualTo(INVALID);
        assertThat(random.requests()).isEqualTo(7);
    }

    @Test
    void keyIsPreparedOncePerCircuitAndTheLeastRecentlyUsedIsEvicted() throws Exception {
        Groth16Verifier verifier = Groth16Verifier.builder().setModule(fake).setMaxCachedKeys(2).build();
        List<Groth16Statement> one = List.of(proof(0));

        verifier.verify(key(1), one);
        verifier.verify(key(2), one);
        verifier.verify(key(1), one);
        assertThat(verifier.preparationCount()).isEqualTo(2);
        verifier.verify(key(3), one); // evicts key 2, the least recently used
        verifier.verify(key(1), one);
        assertThat(verifier.preparationCount()).isEqualTo(3);
        verifier.verify(key(2), one);
        assertThat(verifier.preparationCount()).isEqualTo(4);
    }

    @Test
    void refusedKeyIsReportedWithItsCircuitIdAndNotPreparedAgain() throws Exception {
        Groth16Verifier verifier = verifier();
        Groth16VerifyingKey bad = key(0xee);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> verifier.verify(bad, List.of(proof(0))))
                    .isInstanceOf(Groth16FormatException.class)
                    .hasMessage("verification key " + bad.circuitId() + " refused: a point does not decode "
                            + "(off its curve, or a G2 point outside the order-r subgroup)");
        }
        assertThat(verifier.preparationCount()).isEqualTo(1);
    }

    @Test
    void keyThatTrapsTheModuleIsRefusedAndTheVerifierRecovers() throws Exception {
        Groth16Verifier verifier = verifier();

        assertThatThrownBy(() -> verifier.prepareKey(key(0xef)))
                .isInstanceOf(Groth16FormatException.class)
                .hasMessageContaining("the verifier module failed while preparing it");
        assertThat(verifier.verify(key(0), List.of(proof(0)))).containsExactly(VALID);
        assertThat(verifier.faultCount()).isEqualTo(1);
    }

    @Test
    void keyWithMoreInputsThanTheModuleTakesIsRefused() throws Exception {
        byte[] bytes = new byte[Groth16VerifyingKey.encodedLength(65)];
        bytes[3] = 65;

        assertThatThrownBy(() -> verifier().prepareKey(Groth16VerifyingKey.fromBytes(bytes)))
                .isInstanceOf(Groth16FormatException.class)
                .hasMessageContaining("65 public inputs, the verifier takes at most 64");
    }

    @Test
    void statusOutsideTheAbiIsABrokenModule() {
        assertThatThrownBy(() -> verifier().verify(key(0), List.of(proof(3))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrote status 3");
    }

    @Test
    void builderRefusesBadOptionsAndModulesWithoutTheGroth16Exports() throws Exception {
        WasmModule bulletproofsFake = TestModules.load("fake_bulletproofs_verifier");

        assertThatThrownBy(() -> Groth16Verifier.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("module must be set");
        assertThatThrownBy(() -> Groth16Verifier.builder().setModule(bulletproofsFake).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zk_groth16_prepared_len");
        assertThatThrownBy(() -> Groth16Verifier.builder().setModule(fake).setMaxBatchSize(257).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBatchSize");
        assertThatThrownBy(() -> Groth16Verifier.builder().setModule(fake).setMaxCachedKeys(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxCachedKeys");
    }

    @Test
    void statusCodesAreTheAbiStatusBytes() {
        assertThat(Groth16Status.fromCode(0)).isEqualTo(VALID);
        assertThat(Groth16Status.fromCode(7)).isEqualTo(MALFORMED_INPUT_COUNT);
        assertThatThrownBy(() -> Groth16Status.fromCode(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Groth16Status.fromCode(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Groth16Verifier verifier() {
        return Groth16Verifier.builder().setModule(fake).build();
    }

    /** A key with two inputs whose last byte is {@code last} (the fake's rules; distinct ids). */
    private static Groth16VerifyingKey key(int last) throws Groth16FormatException {
        byte[] bytes = new byte[Groth16VerifyingKey.encodedLength(N_PUBLIC)];
        bytes[3] = N_PUBLIC;
        bytes[bytes.length - 1] = (byte) last;
        return Groth16VerifyingKey.fromBytes(bytes);
    }

    /** A proof whose last byte is {@code mark}, with two inputs. */
    private static Groth16Statement proof(int mark) throws Groth16FormatException {
        byte[] bytes = new byte[Groth16Proof.BYTES];
        bytes[bytes.length - 1] = (byte) mark;
        return new Groth16Statement(Groth16Proof.fromBytes(bytes), inputs(N_PUBLIC));
    }

    private static Groth16PublicInputs inputs(int count) throws Groth16FormatException {
        return Groth16PublicInputs.fromBytes(new byte[32 * count], count);
    }
}
