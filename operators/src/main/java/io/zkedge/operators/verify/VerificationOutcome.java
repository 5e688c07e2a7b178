package io.zkedge.operators.verify;

import io.zkedge.schemas.VerdictStatus;
import java.util.Objects;

/**
 * A verifier's answer for one record.
 *
 * @param status VALID, INVALID, MALFORMED, UNSUPPORTED or UNKNOWN_STATEMENT
 * @param reason a short explanation for anything but VALID, or null
 */
public record VerificationOutcome(VerdictStatus status, String reason) {

    public VerificationOutcome {
        Objects.requireNonNull(status, "status");
    }

    /** An outcome without a reason. */
    public static VerificationOutcome of(VerdictStatus status) {
        return new VerificationOutcome(status, null);
    }
}
