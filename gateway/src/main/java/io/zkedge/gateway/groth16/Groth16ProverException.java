package io.zkedge.gateway.groth16;

/**
 * A Groth16 proof could not be made: snarkjs refused the request, or its process died or did not
 * answer in time (then the next request starts a new process). The message is one line.
 */
public class Groth16ProverException extends Exception {

    private static final long serialVersionUID = 1L;

    public Groth16ProverException(String message) {
        super(message);
    }

    public Groth16ProverException(String message, Throwable cause) {
        super(message, cause);
    }
}
