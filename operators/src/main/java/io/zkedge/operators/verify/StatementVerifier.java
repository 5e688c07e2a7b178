package io.zkedge.operators.verify;

import io.zkedge.schemas.ProofRecord;
import java.util.List;

/**
 * Verifies the records of one statement kind with one verifier module. Not thread-safe: each
 * subtask has its own (one Wasm instance each).
 */
public interface StatementVerifier {

    /**
     * One outcome per record, in order. A record the verifier cannot even frame is an outcome
     * (MALFORMED or UNSUPPORTED), and so is one whose proof is for another context than the
     * record's own fields (CONTEXT_MISMATCH), not an exception.
     *
     * @throws InterruptedException if the thread was interrupted (the task is being cancelled)
     */
    List<VerificationOutcome> verify(List<ProofRecord> records) throws InterruptedException;

    /**
     * Checks the module against a known answer before it decides anything: a statement that must
     * be VALID and one that must be INVALID, verified together (so the batch-split path runs too).
     * A signed module can still be broken (a miscompiled build, a wrong module under the right
     * name); this refuses it at load time instead of letting it emit verdicts. It also does the
     * instance's one-time set-up (the module builds its generator tables on first use), so that
     * the first real batch does not pay for it.
     *
     * @throws IllegalStateException if the module answers wrong
     * @throws InterruptedException if the thread was interrupted
     */
    void selfTest() throws InterruptedException;

    /** SHA-256 of the module that decides, recorded in every verdict it made. */
    byte[] moduleSha256();

    /** Module calls that trapped or were refused as broken framing, since this verifier was built. */
    long faultCount();
}
