package io.zkedge.operators.verify;

import java.util.Map;
import java.util.Objects;

/**
 * What an accepted announcement changes, for {@link BatchVerifyOperator} to apply between two
 * batches: it runs {@link #selfTest()}, then replaces the verifier of each statement of
 * {@link #verifiers()}, then calls {@link #activated()} so that the provider records the change.
 *
 * <p>One module serves several statements for Groth16 (a verifier per verification key, sharing
 * the subtask's module instance), so an announced Groth16 module replaces the verifiers of every
 * key the subtask has (possibly none yet), and an announced key adds or replaces one.
 */
public final class AnnouncedVerifier {

    /** A known-answer check of the announced module. */
    @FunctionalInterface
    public interface SelfTest {
        /**
         * @throws IllegalStateException if the module answers wrong
         * @throws InterruptedException if the thread was interrupted
         */
        void run() throws InterruptedException;
    }

    private final String slot;
    private final Map<StatementKey, StatementVerifier> verifiers;
    private final String description;
    private final SelfTest selfTest;
    private final Runnable activation;

    /**
     * @param slot what the announcement replaces, the same for every announcement that replaces
     *     the same thing (the operator keeps the latest accepted announcement per slot)
     * @param verifiers the new verifier per statement
     * @param description which module or key, for the log
     * @param selfTest the announced module's known-answer check
     * @param activation run once the verifiers are in use
     */
    public AnnouncedVerifier(String slot, Map<StatementKey, StatementVerifier> verifiers, String description,
            SelfTest selfTest, Runnable activation) {
        this.slot = Objects.requireNonNull(slot, "slot");
        this.verifiers = Map.copyOf(verifiers);
        this.description = Objects.requireNonNull(description, "description");
        this.selfTest = Objects.requireNonNull(selfTest, "selfTest");
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /** One verifier replacing the one of {@code statement} (slot: the statement). */
    public AnnouncedVerifier(StatementKey statement, StatementVerifier verifier, String description) {
        this(statement.toString(), Map.of(statement, verifier), description, verifier::selfTest, () -> {});
    }

    public String slot() {
        return slot;
    }

    public Map<StatementKey, StatementVerifier> verifiers() {
        return verifiers;
    }

    public String description() {
        return description;
    }

    /**
     * Runs the announced module's known-answer self-test.
     *
     * @throws IllegalStateException if the module answers wrong
     */
    public void selfTest() throws InterruptedException {
        selfTest.run();
    }

    /** Tells the provider that the verifiers are now in use. */
    public void activated() {
        activation.run();
    }
}
