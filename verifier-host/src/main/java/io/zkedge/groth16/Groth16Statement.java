package io.zkedge.groth16;

import java.util.Objects;

/**
 * One proof and the public inputs it claims, to be verified under a key.
 *
 * @param proof the proof
 * @param inputs its public inputs, in the circuit's order
 */
public record Groth16Statement(Groth16Proof proof, Groth16PublicInputs inputs) {

    public Groth16Statement {
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(inputs, "inputs");
    }
}
