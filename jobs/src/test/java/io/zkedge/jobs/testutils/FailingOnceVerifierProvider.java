package io.zkedge.jobs.testutils;

import io.zkedge.operators.verify.AnnouncedVerifier;
import io.zkedge.operators.verify.LoadedVerifiers;
import io.zkedge.operators.verify.StatementKey;
import io.zkedge.operators.verify.StatementVerifier;
import io.zkedge.operators.verify.VerificationOutcome;
import io.zkedge.operators.verify.VerifierProvider;
import io.zkedge.schemas.ModuleAnnouncement;
import io.zkedge.schemas.ProofRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps a provider so that, once per test, the verify operator crashes after a number of records
 * have been verified (across all subtasks) and the test has {@link #arm armed} it (once a
 * checkpoint has completed, say): a failure in the middle of the stream. The counters are static
 * because the provider is serialized into the job graph; {@link #reset} them first.
 */
public final class FailingOnceVerifierProvider implements VerifierProvider {

    private static final long serialVersionUID = 1L;

    private static final AtomicInteger VERIFIED = new AtomicInteger();
    private static final AtomicBoolean ARMED = new AtomicBoolean();
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final AtomicLong FAILED_AT = new AtomicLong();

    private final VerifierProvider delegate;
    private final int failAfter;

    public FailingOnceVerifierProvider(VerifierProvider delegate, int failAfter) {
        this.delegate = delegate;
        this.failAfter = failAfter;
    }

    /** Sets the counters back; the failure is not armed. */
    public static void reset() {
        VERIFIED.set(0);
        ARMED.set(false);
        FAILED.set(false);
        FAILED_AT.set(0);
    }

    /** From now on, the next module call after {@code failAfter} verified records fails. */
    public static void arm() {
        ARMED.set(true);
    }

    /** Whether the failure happened. */
    public static boolean failed() {
        return FAILED.get();
    }

    /** When the failure was injected (epoch milliseconds), or 0. */
    public static long failedAt() {
        return FAILED_AT.get();
    }

    @Override
    public LoadedVerifiers load(int maxBatchSize) throws Exception {
        LoadedVerifiers loaded = delegate.load(maxBatchSize);
        Map<StatementKey, StatementVerifier> wrapped = new HashMap<>();
        loaded.verifiers().forEach((key, verifier) -> wrapped.put(key, new Failing(verifier, failAfter)));
        return new LoadedVerifiers(wrapped, loaded.loadTime(), loaded.compileTime(), loaded.description() + " (failing once)");
    }

    @Override
    public AnnouncedVerifier accept(ModuleAnnouncement announcement, int maxBatchSize) throws Exception {
        return delegate.accept(announcement, maxBatchSize);
    }

    private record Failing(StatementVerifier delegate, int failAfter) implements StatementVerifier {
        @Override
        public List<VerificationOutcome> verify(List<ProofRecord> records) throws InterruptedException {
            if (VERIFIED.addAndGet(records.size()) >= failAfter && ARMED.get() && FAILED.compareAndSet(false, true)) {
                FAILED_AT.set(System.currentTimeMillis());
                throw new IllegalStateException("injected failure after " + failAfter + " verified records");
            }
            return delegate.verify(records);
        }

        @Override
        public void selfTest() throws InterruptedException {
            delegate.selfTest();
        }

        @Override
        public byte[] moduleSha256() {
            return delegate.moduleSha256();
        }

        @Override
        public long faultCount() {
            return delegate.faultCount();
        }
    }
}
