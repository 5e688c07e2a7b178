package io.zkedge.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The result of an {@link Auditor} run: counts, per-sensor summaries and every finding, sorted by
 * stream, sensor and offset. {@link #summary()} is the one-screen text of the CLI;
 * {@link ReportJson} and {@link ReportHtml} write the files of {@code --report DIR}.
 */
public final class AuditReport {

    /** Findings listed in the one-screen summary; the files hold all of them. */
    static final int SUMMARY_FINDINGS = 12;

    private final String input;
    private final Instant startedAt;
    private final Set<String> trustedKeyIds;
    private final String verdictsTopic;
    private final String complianceTopic;
    private final long verdictRecords;
    private final long complianceRecords;
    private final int verdictChains;
    private final int complianceChains;
    private final long brokenVerdictChains;
    private final long brokenComplianceChains;
    private final Map<String, SensorSummary> sensors;
    private final AccountingSummary accounting;
    private final List<Finding> findings;

    AuditReport(String input, Instant startedAt, Set<String> trustedKeyIds, String verdictsTopic,
            String complianceTopic, long verdictRecords, long complianceRecords, int verdictChains,
            int complianceChains, long brokenVerdictChains, long brokenComplianceChains,
            Map<String, SensorSummary> sensors, AccountingSummary accounting, List<Finding> findings) {
        this.input = input;
        this.startedAt = startedAt;
        this.trustedKeyIds = Collections.unmodifiableSet(new TreeSet<>(trustedKeyIds));
        this.verdictsTopic = verdictsTopic;
        this.complianceTopic = complianceTopic;
        this.verdictRecords = verdictRecords;
        this.complianceRecords = complianceRecords;
        this.verdictChains = verdictChains;
        this.complianceChains = complianceChains;
        this.brokenVerdictChains = brokenVerdictChains;
        this.brokenComplianceChains = brokenComplianceChains;
        this.sensors = Collections.unmodifiableMap(sensors);
        this.accounting = accounting;
        this.findings = List.copyOf(findings);
    }

    /** No finding at all: every signature verified, every chain whole, every proof answered once. */
    public boolean clean() {
        return findings.isEmpty();
    }

    public String input() {
        return input;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Set<String> trustedKeyIds() {
        return trustedKeyIds;
    }

    public String verdictsTopic() {
        return verdictsTopic;
    }

    public String complianceTopic() {
        return complianceTopic;
    }

    public long verdictRecords() {
        return verdictRecords;
    }

    public long complianceRecords() {
        return complianceRecords;
    }

    /** Sensors with a verdict chain. */
    public int verdictChains() {
        return verdictChains;
    }

    /** Sensors with a compliance chain. */
    public int complianceChains() {
        return complianceChains;
    }

    /** Verdict chains with at least one finding. */
    public long brokenVerdictChains() {
        return brokenVerdictChains;
    }

    /** Compliance chains with at least one finding. */
    public long brokenComplianceChains() {
        return brokenComplianceChains;
    }

    /** Per sensor, sorted by sensor id. */
    public Map<String, SensorSummary> sensors() {
        return sensors;
    }

    /** The accounting of the proofs topic, or null when it was not asked for. */
    public AccountingSummary accounting() {
        return accounting;
    }

    /** Every finding, by stream, sensor and offset. */
    public List<Finding> findings() {
        return findings;
    }

    /** Findings by category, every category present (0 when none). */
    public Map<FindingKind.Category, Long> findingsByCategory() {
        Map<FindingKind.Category, Long> out = new EnumMap<>(FindingKind.Category.class);
        for (FindingKind.Category c : FindingKind.Category.values()) {
            out.put(c, 0L);
        }
        findings.forEach(f -> out.merge(f.kind().category(), 1L, Long::sum));
        return out;
    }

    /** Findings by kind, only kinds present. */
    public Map<FindingKind, Long> findingsByKind() {
        Map<FindingKind, Long> out = new EnumMap<>(FindingKind.class);
        findings.forEach(f -> out.merge(f.kind(), 1L, Long::sum));
        return out;
    }

    /** The one-screen summary the CLI prints. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "zkedge audit   %s%n", printable(input)));
        s.append(String.format(Locale.ROOT, "keys         %d trusted%n", trustedKeyIds.size()));
        s.append(String.format(Locale.ROOT, "records      verdicts %d  compliance %d  sensors %d%n",
                verdictRecords, complianceRecords, sensors.size()));
        StringBuilder categories = new StringBuilder();
        findingsByCategory().forEach((c, n) -> {
            if (c.ordinal() <= FindingKind.Category.MALFORMED.ordinal()) {
                categories.append(categories.length() == 0 ? "" : "  ").append(c.label()).append(' ').append(n);
            }
        });
        s.append(String.format(Locale.ROOT, "findings     %s%n", categories));
        if (!findings.isEmpty()) {
            StringBuilder kinds = new StringBuilder();
            findingsByKind().forEach((k, n) -> kinds.append(kinds.length() == 0 ? "" : "  ").append(k).append(' ').append(n));
            s.append(String.format(Locale.ROOT, "  by kind    %s%n", kinds));
        }
        s.append(String.format(Locale.ROOT, "chains       verdict %d (%d broken)  compliance %d (%d broken)%n",
                verdictChains, brokenVerdictChains, complianceChains, brokenComplianceChains));
        if (accounting != null) {
            s.append(String.format(Locale.ROOT, "accounting   proofs %d  answered %d  lost %d  duplicated %d  orphaned %d"
                            + "  (dead letters %d, LATE %d)%n", accounting.proofs(), accounting.answered(),
                    accounting.lost(), accounting.duplicated(), accounting.orphaned(), accounting.deadLetters(),
                    accounting.lateDeadLetters()));
        } else {
            s.append(String.format(Locale.ROOT, "accounting   off (--proofs-topic and --dead-letter-topic turn it on)%n"));
        }
        int shown = Math.min(SUMMARY_FINDINGS, findings.size());
        for (int i = 0; i < shown; i++) {
            Finding f = findings.get(i);
            s.append(String.format(Locale.ROOT, "  %-11s %-16s %-12s %s/%d@%d%s  %s%n", f.kind().category().label(),
                    f.kind(), f.sensorId() == null ? "-" : printable(f.sensorId()), f.topic(), f.partition(), f.offset(),
                    f.chainIndex() >= 0 ? " #" + f.chainIndex() : "", abbreviate(printable(f.detail()), 90)));
        }
        if (findings.size() > shown) {
            s.append(String.format(Locale.ROOT, "  ... %d more (see --report DIR)%n", findings.size() - shown));
        }
        s.append(clean() ? "RESULT       OK: every signature verifies, every chain is whole"
                + (accounting != null ? ", every proof answered exactly once" : "")
                : "RESULT       FAIL: " + findings.size() + " finding(s)");
        return s.toString();
    }

    /**
     * Sensor ids and details come from the audited records: control characters (a terminal
     * escape sequence, say) are shown as '?' so that a record cannot rewrite the summary.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
