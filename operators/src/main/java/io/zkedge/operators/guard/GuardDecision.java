package io.zkedge.operators.guard;

import io.zkedge.schemas.VerdictStatus;
import java.util.Objects;

/**
 * The guard's status for one verified proof, and why.
 *
 * @param status the verifier's status, or REPLAY or STALE for a VALID proof the guard refuses
 * @param reason null for VALID
 */
public record GuardDecision(VerdictStatus status, String reason) {

    public GuardDecision {
        Objects.requireNonNull(status, "status");
    }

    /** Whether the proof is accepted: only then does the sensor's replay window advance. */
    public boolean accepted() {
        return status == VerdictStatus.VALID;
    }
}
