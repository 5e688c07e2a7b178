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
}
