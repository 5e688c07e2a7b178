package io.zkedge.operators.decode;

import io.zkedge.schemas.DeadLetter;
import java.util.Objects;

/** What {@link ProofDecoder} made of one Kafka record: a proof to verify, or a dead letter. */
public final class DecodeResult {

    private final ProofEnvelope proof;
    private final DeadLetter deadLetter;

    private DecodeResult(ProofEnvelope proof, DeadLetter deadLetter) {
        this.proof = proof;
        this.deadLetter = deadLetter;
    }

    static DecodeResult proof(ProofEnvelope proof) {
        return new DecodeResult(Objects.requireNonNull(proof), null);
    }

    static DecodeResult deadLetter(DeadLetter deadLetter) {
        return new DecodeResult(null, Objects.requireNonNull(deadLetter));
    }

    /** Whether the record decoded into a consistent proof. */
    public boolean isProof() {
        return proof != null;
    }

    /** @throws IllegalStateException if this is a dead letter */
    public ProofEnvelope proof() {
        if (proof == null) {
            throw new IllegalStateException("a dead letter, not a proof: " + deadLetter.getDetail());
        }
        return proof;
    }

    /** @throws IllegalStateException if this is a proof */
    public DeadLetter deadLetter() {
        if (deadLetter == null) {
            throw new IllegalStateException("a proof, not a dead letter");
        }
        return deadLetter;
    }

    @Override
    public String toString() {
        return proof != null ? proof.toString() : "DeadLetter[" + deadLetter.getReason() + ": " + deadLetter.getDetail() + "]";
    }
}
