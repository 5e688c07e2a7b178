package io.zkedge.operators.compliance;

import io.zkedge.schemas.ComplianceOutcome;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * The rule that turns a window's counts into an outcome. With {@code expected} = window size ÷
 * reporting interval (rounded down), applied in this order:
 * <ol>
 *   <li>{@code COMPLIANT} if {@code valid >= minValidRatio × expected} and
 *       {@code invalid <= maxInvalid};
 *   <li>else {@code INSUFFICIENT_DATA} if fewer than {@code minReceivedRatio × expected} readings
 *       were received (every verdict but replays, see {@link ComplianceCounts#received()});
 *   <li>else {@code NON_COMPLIANT}.
 * </ol>
 * Defaults: 95% valid, no invalid proof, and at least 50% of the expected readings received.
 *
 * @param windowSize the tumbling window's size
 * @param reportingInterval how often a sensor is expected to report (at most the window size)
 * @param minValidRatio share of the expected readings that must be valid, in [0, 1]
 * @param maxInvalid most invalid proofs a compliant window may contain
 * @param minReceivedRatio share of the expected readings below which the data is insufficient, in [0, 1]
 */
public record ComplianceRule(
        Duration windowSize, Duration reportingInterval, double minValidRatio, long maxInvalid, double minReceivedRatio)
        implements Serializable {

    public ComplianceRule {
        Objects.requireNonNull(windowSize, "windowSize");
        Objects.requireNonNull(reportingInterval, "reportingInterval");
        if (windowSize.isNegative() || windowSize.isZero()) {
            throw new IllegalArgumentException("windowSize must be positive, was " + windowSize);
        }
        if (reportingInterval.isNegative() || reportingInterval.isZero() || reportingInterval.compareTo(windowSize) > 0) {
            throw new IllegalArgumentException("reportingInterval must be positive and at most the window size ("
                    + windowSize + "), was " + reportingInterval);
        }
        if (!(minValidRatio >= 0 && minValidRatio <= 1)) {
            throw new IllegalArgumentException("minValidRatio must be in [0, 1], was " + minValidRatio);
        }
        if (!(minReceivedRatio >= 0 && minReceivedRatio <= 1)) {
            throw new IllegalArgumentException("minReceivedRatio must be in [0, 1], was " + minReceivedRatio);
        }
        if (maxInvalid < 0) {
            throw new IllegalArgumentException("maxInvalid must not be negative, was " + maxInvalid);
        }
    }

    /** The default thresholds for a window and reporting interval. */
    public static ComplianceRule defaults(Duration windowSize, Duration reportingInterval) {
        return new ComplianceRule(windowSize, reportingInterval, 0.95, 0, 0.5);
    }

    /** Readings expected in one window. */
    public long expected() {
        return windowSize.toMillis() / reportingInterval.toMillis();
    }

    /** The outcome for a window's counts. */
    public ComplianceOutcome apply(ComplianceCounts counts) {
        long expected = expected();
        if (counts.valid >= minValidRatio * expected && counts.invalid <= maxInvalid) {
            return ComplianceOutcome.COMPLIANT;
        }
        if (counts.received() < minReceivedRatio * expected) {
            return ComplianceOutcome.INSUFFICIENT_DATA;
        }
        return ComplianceOutcome.NON_COMPLIANT;
    }

    /** The rule in words, recorded in every compliance record. */
    public String describe() {
        return "COMPLIANT if valid >= " + percent(minValidRatio) + " of expected (" + expected()
                + " = " + windowSize + " / " + reportingInterval + ") and invalid <= " + maxInvalid
                + "; else INSUFFICIENT_DATA if received (all verdicts but replays) < " + percent(minReceivedRatio)
                + " of expected; else NON_COMPLIANT";
    }

    private static String percent(double ratio) {
        return BigDecimal.valueOf(ratio).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
