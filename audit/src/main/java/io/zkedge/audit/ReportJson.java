package io.zkedge.audit;

import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code audit.json}: the whole report, machine-readable (format {@value #FORMAT}; fields in
 * docs/audit.md).
 */
public final class ReportJson {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "zkedge.audit.v1";

    private ReportJson() {}

    /** The report as one JSON object. */
    public static String of(AuditReport r) {
        StringBuilder s = new StringBuilder(4096 + r.findings().size() * 256);
        s.append("{\n");
        s.append("  \"format\": ").append(JsonText.string(FORMAT)).append(",\n");
        s.append("  \"input\": ").append(JsonText.string(r.input())).append(",\n");
        s.append("  \"startedAt\": ").append(JsonText.string(r.startedAt().toString())).append(",\n");
        s.append("  \"clean\": ").append(r.clean()).append(",\n");
        StringJoiner keys = new StringJoiner(", ", "[", "]");
        r.trustedKeyIds().forEach(k -> keys.add(JsonText.string(k)));
        s.append("  \"trustedKeyIds\": ").append(keys).append(",\n");
        s.append("  \"topics\": {\"verdicts\": ").append(JsonText.string(r.verdictsTopic()))
                .append(", \"compliance\": ").append(JsonText.string(r.complianceTopic())).append("},\n");
        s.append("  \"records\": {\"verdicts\": ").append(r.verdictRecords()).append(", \"compliance\": ")
                .append(r.complianceRecords()).append("},\n");
        s.append("  \"chains\": {\"verdict\": ").append(r.verdictChains()).append(", \"verdictBroken\": ")
                .append(r.brokenVerdictChains()).append(", \"compliance\": ").append(r.complianceChains())
                .append(", \"complianceBroken\": ").append(r.brokenComplianceChains()).append("},\n");
        s.append("  \"findingCount\": ").append(r.findings().size()).append(",\n");
        s.append("  \"findingsByCategory\": ").append(counts(r.findingsByCategory(), true)).append(",\n");
        s.append("  \"findingsByKind\": ").append(counts(r.findingsByKind(), false)).append(",\n");
        AccountingSummary a = r.accounting();
        if (a == null) {
            s.append("  \"accounting\": null,\n");
        } else {
            s.append("  \"accounting\": {\"proofsTopic\": ").append(JsonText.string(a.proofsTopic()))
                    .append(", \"proofs\": ").append(a.proofs()).append(", \"answered\": ").append(a.answered())
                    .append(", \"lost\": ").append(a.lost()).append(", \"duplicated\": ").append(a.duplicated())
                    .append(", \"orphaned\": ").append(a.orphaned()).append(", \"deadLetters\": ").append(a.deadLetters())
                    .append(", \"lateDeadLetters\": ").append(a.lateDeadLetters())
                    .append(", \"foreignDeadLetters\": ").append(a.foreignDeadLetters())
                    .append(", \"holds\": ").append(a.holds()).append("},\n");
        }
        s.append("  \"sensors\": [");
        boolean first = true;
        for (SensorSummary sensor : r.sensors().values()) {
            s.append(first ? "\n" : ",\n");
            first = false;
            s.append("    {\"sensorId\": ").append(JsonText.string(sensor.sensorId()))
                    .append(", \"verdictRecords\": ").append(sensor.verdictRecords())
                    .append(", \"complianceRecords\": ").append(sensor.complianceRecords())
                    .append(", \"verifiedVerdictsByStatus\": ").append(counts(sensor.verdictsByStatus(), false))
                    .append(", \"findingsByCategory\": ").append(counts(sensor.findings(), true))
                    .append(",\n     \"windows\": [");
            StringJoiner windows = new StringJoiner(", ");
            for (ComplianceWindow w : sensor.windows()) {
                windows.add("{\"windowStart\": " + w.windowStart() + ", \"windowEnd\": " + w.windowEnd()
                        + ", \"outcome\": " + JsonText.string(w.outcome()) + ", \"expected\": " + w.expected()
                        + ", \"valid\": " + w.valid() + ", \"invalid\": " + w.invalid() + ", \"replayed\": "
                        + w.replayed() + ", \"missing\": " + w.missing() + ", \"chainIndex\": " + w.chainIndex()
                        + ", \"offset\": " + w.offset() + "}");
            }
            s.append(windows).append("]}");
        }
        s.append(first ? "],\n" : "\n  ],\n");
        s.append("  \"findings\": [");
        first = true;
        for (Finding f : r.findings()) {
            s.append(first ? "\n" : ",\n");
            first = false;
            s.append("    {\"stream\": ").append(JsonText.string(f.stream().label()))
                    .append(", \"kind\": ").append(JsonText.string(f.kind().name()))
                    .append(", \"category\": ").append(JsonText.string(f.kind().category().label()))
                    .append(", \"sensorId\": ").append(JsonText.string(f.sensorId()))
                    .append(", \"topic\": ").append(JsonText.string(f.topic()))
                    .append(", \"partition\": ").append(f.partition())
                    .append(", \"offset\": ").append(f.offset())
                    .append(", \"chainIndex\": ").append(f.chainIndex() < 0 ? "null" : Long.toString(f.chainIndex()))
                    .append(", \"detail\": ").append(JsonText.string(f.detail())).append('}');
        }
        s.append(first ? "]\n" : "\n  ]\n");
        return s.append("}\n").toString();
    }

    private static String counts(Map<?, Long> counts, boolean categories) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        counts.forEach((k, n) -> j.add(JsonText.string(categories ? ((FindingKind.Category) k).label() : k.toString())
                + ": " + n));
        return j.toString();
    }
}
