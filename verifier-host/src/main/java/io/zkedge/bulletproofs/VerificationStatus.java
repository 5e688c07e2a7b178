package io.zkedge.bulletproofs;

/** The verifier's answer for one statement; the codes are the ABI's status bytes. */
public enum VerificationStatus {
    /** The proof verifies for that statement. */
    VALID(0),
    /** Well-formed, but the check fails. */
    INVALID(1),
    /** A bad length, a non-canonical scalar, a point that does not decode, an inconsistent statement. */
    MALFORMED(2),
    /** The number of bits or of values is outside the supported sets. */
    UNSUPPORTED(3);

    private static final VerificationStatus[] BY_CODE = values();

    private final int code;

    VerificationStatus(int code) {
        this.code = code;
    }

    /** The status byte of the ABI. */
    public int code() {
        return code;
    }

    /**
     * The status for an ABI status byte.
     *
     * @throws IllegalArgumentException for a code the ABI does not define
     */
    public static VerificationStatus fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no verification status has code " + code);
        }
        return BY_CODE[code];
    }
}
