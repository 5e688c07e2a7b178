package io.zkedge.operators.testutils;

import io.zkedge.operators.verify.AnnouncedVerifier;
import io.zkedge.operators.verify.LoadedVerifiers;
import io.zkedge.operators.verify.StatementKey;
import io.zkedge.operators.verify.StatementVerifier;
import io.zkedge.operators.verify.VerificationOutcome;
import io.zkedge.operators.verify.VerifierProvider;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.VerdictStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * A verifier without Wasm for operator tests: a range record is VALID if its proof's first byte
 * is {@link #VALID_MARK}, INVALID otherwise. Every call's batch size is recorded in {@link #CALLS}
 * (static: providers are serialized into the job graph).
 */
public final class FakeVerifierProvider implements VerifierProvider {

    private static final long serialVersionUID = 1L;

    /** First proof byte of a "valid" fake proof. */
    public static final byte VALID_MARK = 1;

    /** The fake module's "SHA-256". */
    public static final byte[] MODULE_SHA256 = new byte[32];

    /** Sizes of the batches passed to the fake module, in call order. */
    public static final List<Integer> CALLS = new CopyOnWriteArrayList<>();

    /** When set, every module call first takes a permit: work that arrives during a verification. */
    public static volatile Semaphore permits;

    /** When set, every module call throws it: a module that breaks mid-run. */
    public static volatile RuntimeException failure;

    /** Opens no gate and breaks nothing: the state every test starts from. */
    public static void reset() {
        CALLS.clear();
        permits = null;
        failure = null;
    }

    @Override
    public LoadedVerifiers load(int maxBatchSize) {
        return new LoadedVerifiers(Map.of(StatementKey.BULLETPROOFS_RANGE_V1, new Fake()), Duration.ofMillis(3),
                Duration.ofMillis(2), "fake verifier");
    }

    @Override
    public AnnouncedVerifier accept(ModuleAnnouncement announcement, int maxBatchSize) {
        throw new IllegalStateException("the fake verifier takes no announcements");
    }

    private static final class Fake implements StatementVerifier {
        @Override
        public List<VerificationOutcome> verify(List<ProofRecord> records) throws InterruptedException {
            Semaphore permit = permits;
            if (permit != null) {
                permit.acquire();
            }
            RuntimeException fail = failure;
            if (fail != null) {
                throw fail;
            }
            CALLS.add(records.size());
            List<VerificationOutcome> out = new ArrayList<>();
            for (ProofRecord r : records) {
                boolean valid = r.getProof().remaining() > 0 && r.getProof().get(r.getProof().position()) == VALID_MARK;
                out.add(valid ? VerificationOutcome.of(VerdictStatus.VALID)
                        : new VerificationOutcome(VerdictStatus.INVALID, "fake: first byte is not 1"));
            }
            return out;
        }

        @Override
        public void selfTest() {
            // Nothing to check: the fake answers from the first byte.
        }

        @Override
        public byte[] moduleSha256() {
            return MODULE_SHA256.clone();
        }

        @Override
        public long faultCount() {
            return 0;
        }
    }
}
