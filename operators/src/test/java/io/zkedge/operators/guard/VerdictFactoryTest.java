package io.zkedge.operators.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.evidence.Sha256;
import io.zkedge.operators.testutils.FakeProofs;
import io.zkedge.operators.testutils.Groth16Fixtures;
import io.zkedge.schemas.ProofRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictFactoryTest {

    @Test
    void proofDigestOfARecordWithoutPublicInputsHashesTheLengthPrefixedCommitmentAndTheProof() {
        ProofRecord record = FakeProofs.valid("s1", 7);
        byte[] commitment = bytes(record.getCommitment());
        byte[] proof = bytes(record.getProof());

        assertThat(VerdictFactory.proofDigest(record)).isEqualTo(
                Sha256.of(ByteBuffer.allocate(4).putInt(commitment.length).array(), commitment, proof));
    }

    @Test
    void proofDigestOfAGroth16RecordChangesWithEachPublicInput() {
        ProofRecord record = Groth16Fixtures.valid("valid-at-min");
        byte[] digest = VerdictFactory.proofDigest(record);

        for (int i = 0; i < record.getPublicInputs().size(); i++) {
            ProofRecord other = ProofRecord.newBuilder(record).build();
            List<ByteBuffer> inputs = new ArrayList<>(record.getPublicInputs());
            byte[] changed = bytes(inputs.get(i));
            changed[changed.length - 1] ^= 1;
            inputs.set(i, ByteBuffer.wrap(changed));
            other.setPublicInputs(inputs);

            assertThat(VerdictFactory.proofDigest(other)).as("public input %d", i).isNotEqualTo(digest);
        }
    }

    @Test
    void proofDigestDoesNotConfuseAnInputMovedIntoTheProof() {
        ProofRecord record = Groth16Fixtures.valid("valid-at-min");
        List<ByteBuffer> inputs = new ArrayList<>(record.getPublicInputs());
        ByteBuffer last = inputs.remove(inputs.size() - 1);
        ProofRecord moved = ProofRecord.newBuilder(record).build();
        moved.setPublicInputs(inputs);
        moved.setProof(ByteBuffer.wrap(concat(bytes(record.getProof()), bytes(last))));

        assertThat(VerdictFactory.proofDigest(moved)).isNotEqualTo(VerdictFactory.proofDigest(record));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
