package io.zkedge.operators.guard;

import io.zkedge.evidence.Sha256;
import io.zkedge.operators.verify.VerifiedProof;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.Verdict;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the unsigned {@link Verdict} for a verified proof and the guard's decision; the chain
 * fields, key id and signature are set when it is signed ({@code EvidenceSigner.signChained}).
 *
 * <p>{@code proofDigest} names what was verified (docs/evidence.md). For a record without public
 * inputs (Bulletproofs) it is {@code SHA-256(u32be(len(commitment)) || commitment || proof)}: the
 * length prefix keeps two records that split the same bytes differently between commitment and
 * proof from sharing a digest. A record with public inputs (Groth16: they carry the commitment,
 * the range, the sensor and the sequence number) also hashes them, each length-prefixed:
 * {@code SHA-256(u32be(len(commitment)) || commitment || u32be(len(proof)) || proof ||
 * u32be(count) || (u32be(len(input)) || input)...)}; without them one proof sent with other
 * inputs would have the same digest. {@code moduleSha256} is the module that verified the proof, also
 * for REPLAY and STALE (the module ran and found the proof VALID; the guard then refused it); it
 * is empty only when no module ran (UNKNOWN_STATEMENT).
 */
public final class VerdictFactory {

    private VerdictFactory() {}

    /** The verdict for {@code proof} with the guard's status and reason, not yet chained or signed. */
    public static Verdict unsigned(VerifiedProof proof, GuardDecision decision) {
        ProofRecord record = proof.record;
        Verdict v = new Verdict();
        v.setSensorId(record.getSensorId());
        v.setGatewayId(record.getGatewayId());
        v.setSeq(record.getSeq());
        v.setEventTime(record.getEventTime());
        v.setProofSystem(record.getProofSystem());
        v.setStatementId(record.getStatementId());
        v.setStatus(decision.status());
        v.setReason(decision.reason());
        v.setProofDigest(ByteBuffer.wrap(proofDigest(record)));
        v.setModuleSha256(ByteBuffer.wrap(proof.moduleSha256.clone()));
        v.setBatchId(proof.batchId);
        v.setVerifiedAt(Instant.ofEpochMilli(proof.verifiedAt));
        v.setSourcePartition(proof.sourcePartition);
        v.setSourceOffset(proof.sourceOffset);
        return v;
    }

    /** The record's proof digest (see the class comment). */
    public static byte[] proofDigest(ProofRecord record) {
        byte[] commitment = bytes(record.getCommitment());
        byte[] proof = bytes(record.getProof());
        List<ByteBuffer> inputs = record.getPublicInputs();
        if (inputs.isEmpty()) {
            return Sha256.of(u32(commitment.length), commitment, proof);
        }
        List<byte[]> parts = new ArrayList<>(5 + 2 * inputs.size());
        parts.addAll(List.of(u32(commitment.length), commitment, u32(proof.length), proof, u32(inputs.size())));
        for (ByteBuffer input : inputs) {
            byte[] in = bytes(input);
            parts.add(u32(in.length));
            parts.add(in);
        }
        return Sha256.of(parts.toArray(new byte[0][]));
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
