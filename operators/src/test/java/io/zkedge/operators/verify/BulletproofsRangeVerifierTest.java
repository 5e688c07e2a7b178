package io.zkedge.operators.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.operators.testutils.ProofFixtures;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.VerdictStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real verifier module on real proofs: what each kind of tampering becomes. */
class BulletproofsRangeVerifierTest {

    private static BulletproofsRangeVerifier verifier;

    @BeforeAll
    static void loadModule() {
        verifier = new BulletproofsRangeVerifier(BundledModules.verifier(), 64);
    }

    @Test
    void shouldPassItsKnownAnswerSelfTestOnTheShippedModule() throws Exception {
        verifier.selfTest(); // throws if the module does not answer [VALID, INVALID]

        assertThat(verifier.faultCount()).isZero();
    }

    @Test
    void shouldFindRealProofsValid() throws Exception {
        List<ProofRecord> records = List.of(ProofFixtures.valid("s-1", 1), ProofFixtures.valid("s-1", 2));

        assertThat(verifier.verify(records)).extracting(VerificationOutcome::status).containsOnly(VerdictStatus.VALID);
        assertThat(verifier.moduleSha256()).isEqualTo(BundledModules.verifier().sha256());
    }

    @Test
    void shouldRejectAProofOutOfItsContextOrTampered() throws Exception {
        ProofRecord good = ProofFixtures.valid("s-1", 1);
        ProofRecord laterTime = ProofRecord.newBuilder(good).setEventTime(Instant.ofEpochMilli(good.getEventTime().toEpochMilli() + 1)).build();

        List<VerificationOutcome> outcomes = verifier.verify(List.of(
                ProofFixtures.forSensor(good, "s-2"),
                ProofFixtures.withSeq(good, 2),
                laterTime,
                ProofFixtures.tampered(good),
                good));

        assertThat(outcomes).extracting(VerificationOutcome::status).containsExactly(
                VerdictStatus.INVALID, VerdictStatus.INVALID, VerdictStatus.INVALID, VerdictStatus.INVALID, VerdictStatus.VALID);
    }

    @Test
    void shouldCallAProofOfZeroBytesMalformedWithoutSpoilingItsBatch() throws Exception {
        List<VerificationOutcome> outcomes = verifier.verify(List.of(
                ProofFixtures.garbageProof("s-1", 5), ProofFixtures.valid("s-1", 1)));

        assertThat(outcomes.get(0).status()).isIn(VerdictStatus.MALFORMED, VerdictStatus.INVALID);
        assertThat(outcomes.get(1).status()).isEqualTo(VerdictStatus.VALID);
    }
}
