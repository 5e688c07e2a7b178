package io.zkedge.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an audit learned about one sensor: its verified verdicts by status, its verified
 * compliance windows, and how many findings name it. Verdicts and windows count only when their
 * signature verifies and they are not a repeat of a record already counted.
 */
public final class SensorSummary {

    private final String sensorId;
    private final Map<String, Long> verdictsByStatus = new TreeMap<>();
    private final List<ComplianceWindow> windows = new ArrayList<>();
    private final Map<FindingKind.Category, Long> findings = new EnumMap<>(FindingKind.Category.class);
    private long verdictRecords;
    private long complianceRecords;

    SensorSummary(String sensorId) {
        this.sensorId = sensorId;
    }

    void verdictRecord() {
        verdictRecords++;
    }

    void complianceRecord() {
        complianceRecords++;
    }

    void verifiedVerdict(String status) {
        verdictsByStatus.merge(status, 1L, Long::sum);
    }

    void verifiedWindow(ComplianceWindow window) {
        windows.add(window);
    }

    void finding(FindingKind kind) {
        findings.merge(kind.category(), 1L, Long::sum);
    }

    public String sensorId() {
        return sensorId;
    }

    /** Verdict records read for this sensor, verified or not. */
    public long verdictRecords() {
        return verdictRecords;
    }

    /** Compliance records read for this sensor, verified or not. */
    public long complianceRecords() {
        return complianceRecords;
    }

    /** Verified verdicts by status name (VALID, INVALID, REPLAY, ...). */
    public Map<String, Long> verdictsByStatus() {
        return Collections.unmodifiableMap(verdictsByStatus);
    }

    /** The verified count of one status. */
    public long verdicts(String status) {
        return verdictsByStatus.getOrDefault(status, 0L);
    }

    /** Verified compliance windows, in stream order. */
    public List<ComplianceWindow> windows() {
        return Collections.unmodifiableList(windows);
    }

    /** Findings naming this sensor, by category. */
    public Map<FindingKind.Category, Long> findings() {
        return Collections.unmodifiableMap(findings);
    }

    /** Findings naming this sensor. */
    public long findingCount() {
        return findings.values().stream().mapToLong(Long::longValue).sum();
    }
}
