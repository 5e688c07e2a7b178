package io.zkedge.demo;

import io.zkedge.demo.OutputTracker.Answer;
import io.zkedge.demo.ProducedLedger.Produced;
import io.zkedge.evidence.ChainFinding;
import io.zkedge.gateway.GatewayCounters;
import io.zkedge.gateway.sim.RecordKind;
import io.zkedge.gateway.sim.SimulationStats;
import io.zkedge.schemas.ComplianceOutcome;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.DeadLetterReason;
import io.zkedge.schemas.ProofSystem;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a demo run did and whether its checks passed.
 *
 * <p>The accounting check (DESIGN invariant 1): every record Kafka acknowledged in the proofs topic
 * has exactly one answer, a verdict or a dead letter (dead letters {@code LATE} are not answers:
 * they carry a verdict that came too late for its compliance window), and no answer points at a
 * record that was not produced. The evidence check (invariant 6): every verdict and compliance
 * record has a valid signature and every per-sensor chain is complete, in order and unbroken.
 *
 * @param options the settings of the run
 * @param sendingTime how long the gateway sent
 * @param simulations what the simulated gateway's sensors did, by proof system
 * @param gateway the producer's counters
 * @param produced acknowledged records by kind
 * @param verdictsByStatus verdicts read, by status
 * @param deadLettersByReason dead letters read, by reason
 * @param outcomesByKind for each injected kind, how the job answered (e.g. {@code verdict VALID})
 * @param outcomesBySystem the same, for the records of each proof system's sensors
 * @param unanswered acknowledged records without an answer
 * @param duplicated records with more than one answer
 * @param unexpected answers to records that were not produced
 * @param verdictFindings chain and signature problems in the verdict chains, by sensor
 * @param complianceFindings chain and signature problems in the compliance chains, by sensor
 * @param compliance compliance records by sensor
 * @param undecodableOutputs output records that did not decode
 * @param latencyP50Millis median from send to readable (committed) answer
 * @param latencyP99Millis 99th percentile of the same
 * @param prometheusSamples samples the Prometheus endpoint served near the end (-1: not reachable)
 * @param prometheusZkedgeSamples of which zkedge metrics
 * @param webUiAnswered whether the Flink web UI's REST API answered near the end
 */
public record DemoSummary(
        DemoOptions options,
        Duration sendingTime,
        Map<ProofSystem, SimulationStats> simulations,
        GatewayCounters gateway,
        Map<RecordKind, Long> produced,
        Map<VerdictStatus, Long> verdictsByStatus,
        Map<DeadLetterReason, Long> deadLettersByReason,
        Map<RecordKind, Map<String, Long>> outcomesByKind,
        Map<ProofSystem, Map<RecordKind, Map<String, Long>>> outcomesBySystem,
        long unanswered,
        long duplicated,
        long unexpected,
        Map<String, List<ChainFinding<Verdict>>> verdictFindings,
        Map<String, List<ChainFinding<ComplianceRecord>>> complianceFindings,
        Map<String, List<ComplianceRecord>> compliance,
        long undecodableOutputs,
        long latencyP50Millis,
        long latencyP99Millis,
        long prometheusSamples,
        long prometheusZkedgeSamples,
        boolean webUiAnswered) {

    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** Builds the summary from the ledger of produced records and what the tracker read. */
    static DemoSummary of(DemoOptions options, Duration sendingTime, Map<ProofSystem, SimulationStats> simulations,
            GatewayCounters gateway,
            Map<SourceKey, Produced> ledger, OutputTracker tracker, long prometheusSamples, long prometheusZkedgeSamples,
            boolean webUiAnswered) {
        OutputTracker.Snapshot snapshot = tracker.snapshot();
        Map<SourceKey, List<Answer>> answers = tracker.answers();
        Map<RecordKind, Map<String, Long>> outcomes = new EnumMap<>(RecordKind.class);
        Map<ProofSystem, Map<RecordKind, Map<String, Long>>> bySystem = new EnumMap<>(ProofSystem.class);
        Map<SourceKey, Long> late = tracker.lateDeadLetters();
        long unanswered = 0;
        long duplicated = 0;
        List<Long> latencies = new ArrayList<>();
        for (Produced p : ledger.values()) {
            List<Answer> a = answers.getOrDefault(p.key(), List.of());
            Map<String, Long> byOutcome = outcomes.computeIfAbsent(p.kind(), k -> new TreeMap<>());
            Map<String, Long> systemOutcome = bySystem.computeIfAbsent(p.system(), s -> new EnumMap<>(RecordKind.class))
                    .computeIfAbsent(p.kind(), k -> new TreeMap<>());
            if (a.isEmpty()) {
                unanswered++;
                byOutcome.merge("no answer", 1L, Long::sum);
                systemOutcome.merge("no answer", 1L, Long::sum);
                continue;
            }
            if (a.size() > 1) {
                duplicated++;
            }
            String what = a.get(0).what() + (late.containsKey(p.key()) ? " + dead letter LATE" : "");
            byOutcome.merge(what, 1L, Long::sum);
            systemOutcome.merge(what, 1L, Long::sum);
            latencies.add(Math.max(0, a.get(0).seenAtMillis() - p.createTimeMillis()));
        }
        long unexpected = answers.keySet().stream().filter(k -> !ledger.containsKey(k)).count();
        Collections.sort(latencies);
        return new DemoSummary(options, sendingTime, Map.copyOf(simulations), gateway, ProducedLedger.byKind(ledger),
                snapshot.verdictsByStatus(), snapshot.deadLettersByReason(), outcomes, bySystem, unanswered, duplicated,
                unexpected, tracker.verdictFindings(), tracker.complianceFindings(), tracker.compliance(),
                snapshot.undecodableOutputs(), percentile(latencies, 0.50), percentile(latencies, 0.99),
                prometheusSamples, prometheusZkedgeSamples, webUiAnswered);
    }

    /**
     * How the records of one proof system's sensors were answered, over all injected kinds: e.g.
     * {@code verdict VALID 300, verdict INVALID 4, dead letter UNDECODABLE 2}. Each acknowledged
     * record is counted once, by its first answer ({@code no answer} if it has none).
     */
    public Map<String, Long> answersOf(ProofSystem system) {
        Map<String, Long> answers = new TreeMap<>();
        outcomesBySystem.getOrDefault(system, Map.of()).values()
                .forEach(byAnswer -> byAnswer.forEach((what, n) -> answers.merge(what, n, Long::sum)));
        return answers;
    }

    /** Records Kafka acknowledged. */
    public long producedTotal() {
        return produced.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Verdicts read. */
    public long verdicts() {
        return verdictsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Dead letters read that answer a proof record (all but LATE). */
    public long answeringDeadLetters() {
        return deadLettersByReason.entrySet().stream()
                .filter(e -> e.getKey() != DeadLetterReason.LATE)
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Every produced record has exactly one answer, and every answer a produced record. */
    public boolean accountingHolds() {
        return unanswered == 0 && duplicated == 0 && unexpected == 0 && undecodableOutputs == 0
                && verdicts() + answeringDeadLetters() == producedTotal();
    }

    /** Every signature verifies and every chain is unbroken. */
    public boolean evidenceHolds() {
        return verdictFindings.values().stream().allMatch(List::isEmpty)
                && complianceFindings.values().stream().allMatch(List::isEmpty);
    }

    /** Both checks passed, and the gateway had no errors. */
    public boolean passed() {
        return accountingHolds() && evidenceHolds() && gateway.errors() == 0;
    }

    /** Prints the summary for people. */
    public void print(PrintStream out) {
        double seconds = Math.max(0.001, sendingTime.toMillis() / 1000.0);
        out.println();
        out.println("== zkedge demo: summary");
        out.printf(Locale.ROOT, "gateway      %d sensors for %.0f s: %d records sent, %d acked, %d errors%n",
                options.sensors() + options.groth16Sensors(), seconds, gateway.sent(), gateway.acked(), gateway.errors());
        for (ProofSystem system : ProofSystem.values()) {
            SimulationStats simulation = simulations.get(system);
            if (simulation != null) {
                int sensors = system == ProofSystem.GROTH16 ? options.groth16Sensors() : options.sensors();
                out.printf(Locale.ROOT, "  %-12s %d sensor%s: %d proofs (%.0f ms each), %d readings out of range "
                                + "skipped%n",
                        name(system), sensors, sensors == 1 ? "" : "s", simulation.proofs(),
                        simulation.meanProveMillis(), simulation.skippedOutOfRange());
            }
        }
        out.println("injected     " + counts(produced));
        out.println("verdicts     " + counts(verdictsByStatus) + "  (total " + verdicts() + ")");
        out.println("dead letters " + (deadLettersByReason.isEmpty() ? "none" : counts(deadLettersByReason))
                + "  (LATE: a verdict too late for its compliance window)");
        out.println("by system    records of each proof system's sensors → answer");
        for (ProofSystem system : outcomesBySystem.keySet()) {
            out.printf("  %-12s %s%n", name(system), joined(answersOf(system)));
        }
        out.println("injected → answer");
        if (outcomesBySystem.size() > 1) {
            for (Map.Entry<ProofSystem, Map<RecordKind, Map<String, Long>>> s : outcomesBySystem.entrySet()) {
                for (Map.Entry<RecordKind, Map<String, Long>> e : s.getValue().entrySet()) {
                    out.printf("  %-12s %-13s %s%n", name(s.getKey()), e.getKey(), joined(e.getValue()));
                }
            }
        } else {
            for (Map.Entry<RecordKind, Map<String, Long>> e : outcomesByKind.entrySet()) {
                out.printf("  %-13s %s%n", e.getKey(), joined(e.getValue()));
            }
        }
        out.printf(Locale.ROOT, "throughput   %.1f records/s in, %.1f answers/s out; send → readable answer "
                        + "(read_committed) p50 %.1f s, p99 %.1f s%n",
                producedTotal() / seconds, (verdicts() + answeringDeadLetters()) / seconds,
                latencyP50Millis / 1000.0, latencyP99Millis / 1000.0);
        out.printf("compliance   per sensor, %d s windows (C compliant, N non-compliant, I insufficient data):%n",
                options.window().toSeconds());
        if (compliance.isEmpty()) {
            out.println("  no window closed yet (a window closes once the watermark passes its end plus the "
                    + "allowed lateness)");
        }
        for (Map.Entry<String, List<ComplianceRecord>> e : compliance.entrySet()) {
            Map<ComplianceOutcome, Long> byOutcome = e.getValue().stream()
                    .collect(Collectors.groupingBy(ComplianceRecord::getOutcome, () -> new EnumMap<>(ComplianceOutcome.class),
                            Collectors.counting()));
            String timeline = e.getValue().stream()
                    .map(r -> HH_MM_SS.format(r.getWindowStart()) + " " + letter(r.getOutcome())
                            + (r.getOutcome() == ComplianceOutcome.COMPLIANT ? ""
                                    : "(" + r.getValid() + "/" + r.getExpected() + " valid"
                                            + (r.getInvalid() > 0 ? ", " + r.getInvalid() + " invalid" : "") + ")"))
                    .collect(Collectors.joining("  "));
            out.printf("  %-14s %s   %s%n", e.getKey(), counts(byOutcome), timeline);
        }
        out.println("  (a sensor's first and last windows are partial: the run starts and ends inside them)");
        out.printf("web UI       http://127.0.0.1:%d %s%n", options.webPort(),
                webUiAnswered ? "answered (Flink REST API)" : "did not answer");
        if (prometheusSamples >= 0) {
            out.printf("metrics      Prometheus on port %d served %d samples, %d of them zkedge metrics%n",
                    options.prometheusPort(), prometheusSamples, prometheusZkedgeSamples);
        } else {
            out.printf("metrics      Prometheus on port %d did not answer%n", options.prometheusPort());
        }
        out.println();
        out.printf("check        accounting: %d records → %d verdicts + %d dead letters; %d without answer, "
                        + "%d answered twice, %d unknown answers, %d undecodable outputs   %s%n",
                producedTotal(), verdicts(), answeringDeadLetters(), unanswered, duplicated, unexpected,
                undecodableOutputs, accountingHolds() ? "OK" : "FAILED");
        long verdictProblems = verdictFindings.values().stream().mapToLong(List::size).sum();
        long complianceProblems = complianceFindings.values().stream().mapToLong(List::size).sum();
        out.printf("check        evidence: %d verdicts in %d chains, %d compliance records in %d chains; "
                        + "%d problems   %s%n",
                verdicts(), verdictFindings.size(), compliance.values().stream().mapToLong(List::size).sum(),
                complianceFindings.size(), verdictProblems + complianceProblems, evidenceHolds() ? "OK" : "FAILED");
        printFindings(out, verdictFindings);
        printFindings(out, complianceFindings);
        out.println(passed() ? "RESULT       OK" : "RESULT       FAILED");
    }

    private static <T> void printFindings(PrintStream out, Map<String, List<ChainFinding<T>>> findings) {
        findings.forEach((sensor, list) -> list.stream().limit(5)
                .forEach(f -> out.println("  " + sensor + ": " + f)));
    }

    private static String joined(Map<String, Long> counts) {
        return counts.entrySet().stream().map(o -> o.getKey() + " " + o.getValue()).collect(Collectors.joining(", "));
    }

    private static String name(ProofSystem system) {
        return system.name().toLowerCase(Locale.ROOT);
    }

    private static String letter(ComplianceOutcome outcome) {
        return switch (outcome) {
            case COMPLIANT -> "C";
            case NON_COMPLIANT -> "N";
            case INSUFFICIENT_DATA -> "I";
        };
    }

    private static String counts(Map<? extends Enum<?>, Long> counts) {
        return counts.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().name() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
