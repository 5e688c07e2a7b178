package io.zkedge.gateway.groth16;

/**
 * The Groth16 prover cannot run: node, snarkjs or the circuit's keys are missing or do not start.
 * The message is one line that says what is missing and what to run.
 */
public class Groth16SetupException extends Exception {

    private static final long serialVersionUID = 1L;

    public Groth16SetupException(String message) {
        super(message);
    }

    public Groth16SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
