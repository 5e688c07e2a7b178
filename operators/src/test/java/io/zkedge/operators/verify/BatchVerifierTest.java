package io.zkedge.operators.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.operators.decode.ProofEnvelope;
import io.zkedge.operators.testutils.FakeProofs;
import io.zkedge.operators.testutils.FakeVerifierProvider;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.schemas.VerdictStatus;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchVerifierTest {

    private BatchVerifier verifier;

    @BeforeEach
    void setUp() {
        FakeVerifierProvider.reset();
        verifier = new BatchVerifier(new FakeVerifierProvider().load(64).verifiers(), "n-0", () -> 1234L);
    }

    @Test
    void shouldAnswerInInputOrderWithOneModuleCallPerStatementKind() throws Exception {
        List<ProofEnvelope> batch = List.of(
                FakeProofs.envelope(FakeProofs.valid("a", 1)),
                FakeProofs.envelope(FakeProofs.invalid("b", 2)),
                FakeProofs.envelope(FakeProofs.valid("c", 3)));

        List<VerifiedProof> out = verifier.verify(batch);

        assertThat(out).extracting(p -> p.status).containsExactly(VerdictStatus.VALID, VerdictStatus.INVALID, VerdictStatus.VALID);
        assertThat(out).extracting(p -> p.record.getSensorId()).containsExactly("a", "b", "c");
        assertThat(out).extracting(p -> p.sourceOffset).containsExactly(1L, 2L, 3L);
        assertThat(out).extracting(p -> p.batchId).containsOnly("n-0-0");
        assertThat(out).extracting(p -> p.verifiedAt).containsOnly(1234L);
        assertThat(out.get(0).moduleSha256).isEqualTo(FakeVerifierProvider.MODULE_SHA256);
        assertThat(FakeVerifierProvider.CALLS).containsExactly(3);
    }

    @Test
    void shouldAnswerUnknownStatementsWithoutCallingAnyModule() throws Exception {
        ProofRecord otherStatement = FakeProofs.valid("a", 1);
        otherStatement.setStatementId("zkedge.range.v2");
        ProofRecord groth16 = FakeProofs.valid("b", 2);
        groth16.setProofSystem(ProofSystem.GROTH16);

        List<VerifiedProof> out = verifier.verify(List.of(FakeProofs.envelope(otherStatement), FakeProofs.envelope(groth16)));

        assertThat(out).extracting(p -> p.status).containsOnly(VerdictStatus.UNKNOWN_STATEMENT);
        assertThat(out.get(0).reason).contains("BULLETPROOFS/zkedge.range.v2");
        assertThat(out).allSatisfy(p -> assertThat(p.moduleSha256).isEmpty());
        assertThat(FakeVerifierProvider.CALLS).isEmpty();
    }

    @Test
    void shouldGiveEachBatchItsOwnId() throws Exception {
        List<ProofEnvelope> one = List.of(FakeProofs.envelope(FakeProofs.valid("a", 1)));

        String first = verifier.verify(one).get(0).batchId;
        String second = verifier.verify(one).get(0).batchId;

        assertThat(first).isEqualTo("n-0-0");
        assertThat(second).isEqualTo("n-0-1");
        assertThat(verifier.batchCount()).isEqualTo(2);
    }
}
