package io.zkedge.groth16;

/**
 * The verifier's answer for one Groth16 proof: {@link #VALID}, {@link #INVALID}, or one of the
 * MALFORMED statuses, each naming its reason. The ABI's status bytes are {@link #code()};
 * {@link #MALFORMED_MODULE_FAULT} is the host's own (see {@link Groth16Verifier}).
 */
public enum Groth16Status {
    /** The proof verifies for its public inputs. */
    VALID(0, Verdict.VALID, "the proof verifies"),
    /** Well-formed, but the pairing check fails (also A, B or C the identity). */
    INVALID(1, Verdict.INVALID, "the pairing check fails"),
    /** A coordinate of A, B or C is not below p. */
    MALFORMED_COORDINATE(2, Verdict.MALFORMED, "a coordinate of A, B or C is not below p"),
    /** A or C is not on the curve, or B not on the twist. */
    MALFORMED_NOT_ON_CURVE(4, Verdict.MALFORMED, "A or C is not on the curve, or B not on the twist"),
    /** B is on the twist but not in the order-r subgroup. */
    MALFORMED_NOT_IN_SUBGROUP(5, Verdict.MALFORMED, "B is not in the order-r subgroup of the twist"),
    /** A public input is not below r. */
    MALFORMED_INPUT_RANGE(6, Verdict.MALFORMED, "a public input is not below r"),
    /** The number of public inputs differs from the key's nPublic. */
    MALFORMED_INPUT_COUNT(7, Verdict.MALFORMED, "the number of public inputs is not the key's nPublic"),
    /** The module trapped or refused the request's framing on this proof alone (host status). */
    MALFORMED_MODULE_FAULT(-1, Verdict.MALFORMED, "the verifier module failed on this proof");

    /** The three classes a caller acts on. */
    public enum Verdict {
        VALID,
        INVALID,
        MALFORMED
    }

    private final int code;
    private final Verdict verdict;
    private final String reason;

    Groth16Status(int code, Verdict verdict, String reason) {
        this.code = code;
        this.verdict = verdict;
        this.reason = reason;
    }

    /** The ABI status byte, or -1 for {@link #MALFORMED_MODULE_FAULT}. */
    public int code() {
        return code;
    }

    /** VALID, INVALID or MALFORMED. */
    public Verdict verdict() {
        return verdict;
    }

    /** One line saying what the status means, for logs, dead letters and the CLI. */
    public String reason() {
        return reason;
    }

    /**
     * The status for an ABI status byte.
     *
     * @throws IllegalArgumentException for a byte the ABI does not define (3 is unused)
     */
    public static Groth16Status fromCode(int code) {
        for (Groth16Status s : values()) {
            if (s.code == code && code >= 0) {
                return s;
            }
        }
        throw new IllegalArgumentException("no Groth16 status has code " + code);
    }
}
