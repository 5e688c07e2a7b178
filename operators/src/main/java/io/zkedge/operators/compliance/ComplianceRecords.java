package io.zkedge.operators.compliance;

import io.zkedge.schemas.ComplianceRecord;
import java.time.Instant;

/** Builds the unsigned {@link ComplianceRecord} of one sensor's window. */
public final class ComplianceRecords {

    private ComplianceRecords() {}

    /**
     * The record for a window {@code [start, end)} of {@code sensorId}, with the rule's outcome;
     * chain fields, key id and signature are set when it is signed.
     */
    public static ComplianceRecord unsigned(String sensorId, long start, long end, ComplianceCounts counts, ComplianceRule rule) {
        long expected = rule.expected();
        ComplianceRecord r = new ComplianceRecord();
        r.setSensorId(sensorId);
        r.setWindowStart(Instant.ofEpochMilli(start));
        r.setWindowEnd(Instant.ofEpochMilli(end));
        r.setExpected(expected);
        r.setValid(counts.valid);
        r.setInvalid(counts.invalid);
        r.setReplayed(counts.replayed);
        r.setMalformed(counts.malformed);
        r.setStale(counts.stale);
        r.setMissing(counts.missing(expected));
        r.setOutcome(rule.apply(counts));
        r.setRule(rule.describe());
        return r;
    }

    /**
     * The record for {@code windows} consecutive windows {@code [start, end)} in which
     * {@code sensorId} sent nothing at all: every expected reading is missing, and the rule judges
     * zero counts (INSUFFICIENT_DATA unless {@code min-received-ratio} is 0).
     */
    public static ComplianceRecord silent(String sensorId, long start, long end, long windows, ComplianceRule rule) {
        ComplianceCounts none = new ComplianceCounts();
        ComplianceRecord r = unsigned(sensorId, start, end, none, rule);
        long expected = rule.expected() * windows;
        r.setExpected(expected);
        r.setMissing(none.missing(expected));
        return r;
    }
}
