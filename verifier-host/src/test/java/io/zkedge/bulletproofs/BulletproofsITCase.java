package io.zkedge.bulletproofs;

import static io.zkedge.bulletproofs.VerificationStatus.INVALID;
import static io.zkedge.bulletproofs.VerificationStatus.MALFORMED;
import static io.zkedge.bulletproofs.VerificationStatus.UNSUPPORTED;
import static io.zkedge.bulletproofs.VerificationStatus.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The real Bulletproofs modules from verifiers/dist, end to end: prove with one, verify with the
 * other. Skipped when the build did not find the modules.
 */
@EnabledIf(value = "io.zkedge.bulletproofs.BundledModules#available",
        disabledReason = "verifiers/dist/*.wasm were not built when this jar was")
class BulletproofsITCase {

    private static final String SENSOR = "plant-3/boiler-7";
    private static final long SEQ = 42;
    private static final long TIME = 1_764_000_000_000L;
    private static final byte[] LABEL = "doctest example".getBytes(StandardCharsets.UTF_8);

    /** Offset of t_x in dalek's RangeProof::to_bytes (after A, S, T_1, T_2). */
    private static final int T_X_OFFSET = 4 * 32;

    private static BulletproofsProver prover;
    private static BulletproofsVerifier verifier;
    /** A valid 8-bit proof that 21 lies in [0, 100], for the tampering tests. */
    private static RangeStatement sample;

    @BeforeAll
    static void loadModules() throws Exception {
        prover = BulletproofsProver.builder().setModule(BundledModules.prover()).build();
        verifier = BulletproofsVerifier.builder().setModule(BundledModules.verifier()).build();
        sample = prover.proveRange(21, 0, 100, 8, SENSOR, SEQ, TIME).statement(8, 0, 100, SENSOR, SEQ, TIME);
    }

    @Test
    void modulesDescribeThemselves() {
        assertThat(BundledModules.verifier().description()).contains("\"abi\":1", "bulletproofs");
        assertThat(BundledModules.prover().description()).contains("\"abi\":1", "bulletproofs");
    }

    @Test
    void provedRangesVerify() throws Exception {
        List<RangeStatement> statements = new ArrayList<>();
        for (int bits : new int[] {8, 16, 32, 64}) {
            long min = -1_000;
            long max = bits == 64 ? Long.MAX_VALUE : min + (1L << bits) - 1;
            for (long value : new long[] {min, max, min + 1, max - 1}) {
                statements.add(prover.proveRange(value, min, max, bits, SENSOR, SEQ, TIME)
                        .statement(bits, min, max, SENSOR, SEQ, TIME));
            }
        }
        statements.add(prover.proveRange(7, 7, 7, 8, "", 0, 0).statement(8, 7, 7, "", 0, 0));

        assertThat(verifier.verify(statements)).containsOnly(VALID).hasSize(statements.size());
    }

    @Test
    void proofsAreRandomizedByTheHostSeed() throws Exception {
        RangeProofBundle first = prover.proveRange(21, 0, 100, 8, SENSOR, SEQ, TIME);
        RangeProofBundle second = prover.proveRange(21, 0, 100, 8, SENSOR, SEQ, TIME);

        assertThat(first.commitment()).isNotEqualTo(second.commitment());
        assertThat(first.blinding()).isNotEqualTo(second.blinding());
    }

    @Test
    void proofIsBoundToItsContext() throws Exception {
        RangeStatement s = sample;
        List<RangeStatement> changed = List.of(
                new RangeStatement(s.bits(), s.commitment(), s.min(), s.max(), "plant-3/boiler-8", s.seq(), s.eventTimeMillis(), s.proof()),
                new RangeStatement(s.bits(), s.commitment(), s.min(), s.max(), s.sensorId(), s.seq() + 1, s.eventTimeMillis(), s.proof()),
                new RangeStatement(s.bits(), s.commitment(), s.min(), s.max(), s.sensorId(), s.seq(), s.eventTimeMillis() + 1, s.proof()),
                new RangeStatement(s.bits(), s.commitment(), s.min() - 1, s.max(), s.sensorId(), s.seq(), s.eventTimeMillis(), s.proof()),
                new RangeStatement(s.bits(), s.commitment(), s.min(), s.max() + 1, s.sensorId(), s.seq(), s.eventTimeMillis(), s.proof()),
                new RangeStatement(s.bits(), otherCommitment(), s.min(), s.max(), s.sensorId(), s.seq(), s.eventTimeMillis(), s.proof()));

        assertThat(verifier.verify(changed)).containsOnly(INVALID).hasSize(changed.size());
        assertThat(verifier.verify(sample)).isEqualTo(VALID);
    }

    @Test
    void everyBitFlipOfAProofIsRejectedWithoutAnException() throws Exception {
        List<RangeStatement> flipped = new ArrayList<>();
        for (int bit = 0; bit < sample.proof().length * 8; bit++) {
            byte[] proof = sample.proof().clone();
            proof[bit / 8] ^= (byte) (1 << (bit % 8));
            flipped.add(withProof(sample, proof));
        }
        // Singles: a batch of all-bad proofs would be halved down to singles anyway.
        BulletproofsVerifier singles = BulletproofsVerifier.builder()
                .setModule(BundledModules.verifier()).setMaxBatchSize(1).build();

        List<VerificationStatus> statuses = singles.verify(flipped);

        assertThat(statuses).doesNotContain(VALID, UNSUPPORTED);
        assertThat(singles.faultCount()).as("calls that trapped").isZero();
    }

    @Test
    void oneTamperedProofInABatchOf64IsTheOnlyInvalidOne() throws Exception {
        List<RangeStatement> batch = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            batch.add(prover.proveRange(i, 0, 255, 8, SENSOR, i, TIME).statement(8, 0, 255, SENSOR, i, TIME));
        }
        byte[] tampered = batch.get(37).proof().clone();
        tampered[T_X_OFFSET] ^= 1; // t_x ± 1: still a canonical scalar, no longer the right one
        batch.set(37, withProof(batch.get(37), tampered));

        List<VerificationStatus> statuses = verifier.verify(batch);

        for (int i = 0; i < 64; i++) {
            assertThat(statuses.get(i)).as("statement %d", i).isEqualTo(i == 37 ? INVALID : VALID);
        }
    }

    @Test
    void batchAnswersEqualSingleAnswers() throws Exception {
        List<Statement> mixed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            RangeStatement valid = prover.proveRange(i, 0, 20, 8, SENSOR, i, TIME).statement(8, 0, 20, SENSOR, i, TIME);
            switch (i % 4) {
                case 0 -> mixed.add(valid);
                case 1 -> mixed.add(withProof(valid, flip(valid.proof(), T_X_OFFSET)));
                case 2 -> mixed.add(withProof(valid, Arrays.copyOf(valid.proof(), valid.proof().length - 1)));
                default -> mixed.add(new RangeStatement(12, valid.commitment(), 0, 20, SENSOR, i, TIME, valid.proof()));
            }
        }
        List<VerificationStatus> singles = new ArrayList<>();
        for (Statement statement : mixed) {
            singles.add(verifier.verify(statement));
        }

        assertThat(verifier.verify(mixed)).containsExactlyElementsOf(singles);
        assertThat(singles).contains(VALID, INVALID, MALFORMED, UNSUPPORTED);
    }

    @Test
    void valueOutsideTheRangeIsRefusedByTheProver() {
        assertThatThrownBy(() -> prover.proveRange(101, 0, 100, 8, SENSOR, SEQ, TIME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value 101 is outside [0, 100]");
        assertThatThrownBy(() -> prover.proveRange(-1, 0, 100, 8, SENSOR, SEQ, TIME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value -1 is outside [0, 100]");
        assertThatThrownBy(() -> prover.proveRange(5, 0, 256, 8, SENSOR, SEQ, TIME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wider than 2^8");
        assertThatThrownBy(() -> prover.proveRange(5, 0, 10, 12, SENSOR, SEQ, TIME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bits must be 8, 16, 32 or 64");
    }

    @Test
    void proofsOfTheWrongLengthAreMalformed() throws Exception {
        byte[] proof = sample.proof();
        List<RangeStatement> wrongLength = List.of(
                withProof(sample, new byte[0]),
                withProof(sample, Arrays.copyOf(proof, proof.length - 1)), // not a multiple of 32
                withProof(sample, Arrays.copyOf(proof, proof.length - 32)), // odd number of IPP elements
                withProof(sample, Arrays.copyOf(proof, proof.length - 64)), // one L/R round short
                withProof(sample, Arrays.copyOf(proof, proof.length + 32)),
                withProof(sample, Arrays.copyOf(proof, proof.length + 64)), // one L/R round too many
                withProof(sample, Arrays.copyOf(proof, 4097))); // over the ABI limit: refused by the host

        assertThat(verifier.verify(wrongLength)).containsOnly(MALFORMED).hasSize(wrongLength.size());
    }

    @Test
    void unsupportedSizesAreUnsupported() throws Exception {
        RawProofBundle raw = prover.prove(32, LABEL, new long[] {1, 2}, blindings(2));
        List<Statement> statements = List.of(
                new RangeStatement(12, sample.commitment(), 0, 100, SENSOR, SEQ, TIME, sample.proof()),
                new RangeStatement(128, sample.commitment(), 0, 100, SENSOR, SEQ, TIME, sample.proof()),
                new RawRangeStatement(7, LABEL, raw.commitments(), raw.proof()),
                new RawRangeStatement(32, LABEL, List.of(raw.commitments().get(0), raw.commitments().get(1),
                        raw.commitments().get(0)), raw.proof()));

        assertThat(verifier.verify(statements)).containsOnly(UNSUPPORTED).hasSize(statements.size());
    }

    @Test
    void rawDalekProofVerifiesOnlyWithItsLabelAndCommitments() throws Exception {
        RawProofBundle bundle = prover.prove(32, LABEL, new long[] {4242344947L, 3718732727L}, blindings(2));
        List<byte[]> swapped = List.of(bundle.commitments().get(1), bundle.commitments().get(0));

        assertThat(verifier.verify(List.of(
                        bundle.statement(32, LABEL),
                        bundle.statement(32, "another label".getBytes(StandardCharsets.UTF_8)),
                        new RawRangeStatement(32, LABEL, swapped, bundle.proof()),
                        // A 32-bit proof is one L/R round short for 64 bits: a length that does not fit.
                        bundle.statement(64, LABEL))))
                .containsExactly(VALID, INVALID, INVALID, MALFORMED);
    }

    @Test
    void rawProverRefusesValuesThatDoNotFit() {
        assertThatThrownBy(() -> prover.prove(8, LABEL, new long[] {256}, blindings(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a value does not fit in 8 bits");
        byte[][] nonCanonical = {filledWith(0xff)};
        assertThatThrownBy(() -> prover.prove(8, LABEL, new long[] {1}, nonCanonical))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a canonical scalar");
    }

    private static RangeStatement withProof(RangeStatement s, byte[] proof) {
        return new RangeStatement(s.bits(), s.commitment(), s.min(), s.max(), s.sensorId(), s.seq(), s.eventTimeMillis(), proof);
    }

    private static byte[] flip(byte[] proof, int byteIndex) {
        byte[] copy = proof.clone();
        copy[byteIndex] ^= 1;
        return copy;
    }

    private static byte[] otherCommitment() throws Exception {
        return prover.proveRange(21, 0, 100, 8, SENSOR, SEQ, TIME).commitment();
    }

    /** Random canonical scalars: 32 random bytes with the top byte cleared are below the group order. */
    private static byte[][] blindings(int count) {
        SecureRandom random = new SecureRandom();
        byte[][] blindings = new byte[count][32];
        for (byte[] blinding : blindings) {
            random.nextBytes(blinding);
            blinding[31] = 0;
        }
        return blindings;
    }

    private static byte[] filledWith(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
