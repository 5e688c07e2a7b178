package io.zkedge.operators.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.schemas.ComplianceOutcome;
import io.zkedge.schemas.VerdictStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ComplianceRuleTest {

    /** 60 readings expected per window. */
    private static final ComplianceRule RULE = ComplianceRule.defaults(Duration.ofMinutes(1), Duration.ofSeconds(1));

    @Test
    void shouldBeCompliantWith95PercentValidAndNoInvalid() {
        assertThat(RULE.expected()).isEqualTo(60);
        assertThat(RULE.apply(counts(57, 0, 0))).isEqualTo(ComplianceOutcome.COMPLIANT);
        assertThat(RULE.apply(counts(56, 0, 0))).isEqualTo(ComplianceOutcome.NON_COMPLIANT);
    }

    @Test
    void shouldNotBeCompliantWithAnyInvalidProofByDefault() {
        assertThat(RULE.apply(counts(60, 1, 0))).isEqualTo(ComplianceOutcome.NON_COMPLIANT);
    }

    @Test
    void shouldCallTooFewReadingsInsufficientData() {
        assertThat(RULE.apply(counts(29, 0, 0))).isEqualTo(ComplianceOutcome.INSUFFICIENT_DATA);
        assertThat(RULE.apply(counts(30, 0, 0))).isEqualTo(ComplianceOutcome.NON_COMPLIANT);
        assertThat(RULE.apply(counts(0, 0, 0))).isEqualTo(ComplianceOutcome.INSUFFICIENT_DATA);
    }

    @Test
    void shouldNotCountReplaysAsReceivedReadings() {
        assertThat(RULE.apply(counts(20, 0, 40))).isEqualTo(ComplianceOutcome.INSUFFICIENT_DATA);
    }

    @Test
    void shouldHonourConfiguredThresholds() {
        ComplianceRule lenient = new ComplianceRule(Duration.ofMinutes(1), Duration.ofSeconds(1), 0.5, 2, 0.1);

        assertThat(lenient.apply(counts(30, 2, 0))).isEqualTo(ComplianceOutcome.COMPLIANT);
        assertThat(lenient.apply(counts(30, 3, 0))).isEqualTo(ComplianceOutcome.NON_COMPLIANT);
        assertThat(lenient.describe()).contains("valid >= 50% of expected (60", "invalid <= 2", "< 10% of expected");
    }

    @Test
    void shouldDescribeTheDefaultRule() {
        assertThat(RULE.describe()).isEqualTo("COMPLIANT if valid >= 95% of expected (60 = PT1M / PT1S) and invalid <= 0;"
                + " else INSUFFICIENT_DATA if received (all verdicts but replays) < 50% of expected; else NON_COMPLIANT");
    }

    @Test
    void shouldRefuseAReportingIntervalLongerThanTheWindow() {
        assertThatThrownBy(() -> ComplianceRule.defaults(Duration.ofSeconds(10), Duration.ofSeconds(11)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reportingInterval");
        assertThatThrownBy(() -> new ComplianceRule(Duration.ofSeconds(10), Duration.ofSeconds(1), 1.5, 0, 0.5))
                .hasMessageContaining("minValidRatio");
    }

    @Test
    void shouldCountMissingReadingsFromGapsAndFromTheExpectedCount() {
        ComplianceCounts c = new ComplianceCounts();
        for (long seq : new long[] {10, 11, 13, 16}) {
            c.add(VerdictStatus.VALID, seq);
        }
        c.add(VerdictStatus.INVALID, 12);

        assertThat(c.missing(5)).as("gaps 12, 14, 15 inside 10..16").isEqualTo(3);
        assertThat(c.missing(10)).as("fewer than expected").isEqualTo(6);
        assertThat(new ComplianceCounts().missing(60)).isEqualTo(60);
    }

    @Test
    void shouldSortEveryStatusIntoACount() {
        ComplianceCounts c = new ComplianceCounts();
        for (VerdictStatus status : VerdictStatus.values()) {
            c.add(status, 1);
        }

        assertThat(c.valid).isEqualTo(1);
        assertThat(c.invalid).isEqualTo(2);   // INVALID, CONTEXT_MISMATCH
        assertThat(c.replayed).isEqualTo(1);
        assertThat(c.stale).isEqualTo(1);
        assertThat(c.malformed).isEqualTo(3); // MALFORMED, UNKNOWN_STATEMENT, UNSUPPORTED
        assertThat(c.received()).isEqualTo(VerdictStatus.values().length - 1);
    }

    private static ComplianceCounts counts(long valid, long invalid, long replayed) {
        ComplianceCounts c = new ComplianceCounts();
        c.valid = valid;
        c.invalid = invalid;
        c.replayed = replayed;
        return c;
    }
}
