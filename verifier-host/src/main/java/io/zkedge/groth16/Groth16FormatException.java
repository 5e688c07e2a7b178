package io.zkedge.groth16;

/**
 * A verifying key, proof or public-input list that does not follow its format (snarkjs JSON or
 * the compact binary encoding). The message names the field and the rule it breaks, for a dead
 * letter or a one-line CLI error.
 */
public class Groth16FormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public Groth16FormatException(String message) {
        super(message);
    }
}
