package io.zkedge.operators.verify;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The verifiers a {@link VerifierProvider} made for one subtask, and what loading them cost.
 *
 * @param verifiers the verifier per statement key
 * @param loadTime reading the modules, checking their signatures and compiling them (zero when
 *     the compiled module came from this JVM's cache)
 * @param compileTime Chicory's compile time of the modules, as measured when they were compiled
 * @param description which modules, for the log
 */
public record LoadedVerifiers(
        Map<StatementKey, StatementVerifier> verifiers, Duration loadTime, Duration compileTime, String description) {

    public LoadedVerifiers {
        verifiers = Map.copyOf(verifiers);
        Objects.requireNonNull(loadTime, "loadTime");
        Objects.requireNonNull(compileTime, "compileTime");
        Objects.requireNonNull(description, "description");
    }
}
