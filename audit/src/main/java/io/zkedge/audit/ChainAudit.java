package io.zkedge.audit;

import io.zkedge.evidence.ChainChecker;
import io.zkedge.evidence.ChainFinding;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.UndecodableRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.generic.IndexedRecord;

/**
 * Audits one topic of signed, chained records (verdicts or compliance records): decodes each
 * value, and feeds it to its sensor's {@link ChainChecker} (signatures checked with the trusted
 * public keys), in the order the source hands them over.
 *
 * <p>The checker decides record by record; the audit sees the whole stream, so it settles gaps at
 * the end ({@link #finish}). A chain index that a checker reported missing counts as deleted
 * only if it never arrived later (a late arrival is a {@code REORDERED} finding, so a swap of two
 * records shows as one {@code REORDERED}, not as a deletion too) and no record claiming it was
 * rejected for its signature (that record is reported as forged instead).
 *
 * @param <T> {@code Verdict} or {@code ComplianceRecord}
 */
final class ChainAudit<T extends IndexedRecord> {

    /** Called for every record whose signature verified. */
    interface VerifiedListener<T> {
        /**
         * @param repeated whether the chain already held a record at its index (a duplicate or a fork)
         */
        void verified(T record, SourcedRecord where, SensorSummary sensor, boolean repeated);
    }

    /** A gap a checker reported, before the end of the stream settles it. */
    private record PendingGap(long from, long to, SourcedRecord where, long index) {}

    /** The state of one sensor's chain. */
    private final class SensorChain {
        final ChainChecker<T> checker;
        final List<PendingGap> gaps = new ArrayList<>();
        /** Indexes that arrived late, or were claimed by records rejected for their signature. */
        final NavigableSet<Long> accounted = new TreeSet<>();
        boolean broken;

        SensorChain(ChainChecker<T> checker) {
            this.checker = checker;
        }
    }

    private final Finding.Stream stream;
    private final AvroCodec<T> codec;
    private final Supplier<ChainChecker.Builder<T>> checkers;
    private final Function<T, String> sensorOf;
    private final VerifiedListener<T> listener;
    private final Function<String, SensorSummary> sensors;
    private final Map<String, SensorChain> chains = new TreeMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private long records;
    private long undecodable;

    /**
     * @param checkers makes a checker builder that already verifies signatures
     * @param sensors the report's summary of a sensor, created on first use
     */
    ChainAudit(Finding.Stream stream, AvroCodec<T> codec, Supplier<ChainChecker.Builder<T>> checkers,
            Function<T, String> sensorOf, Function<String, SensorSummary> sensors,
            VerifiedListener<T> listener) {
        this.stream = stream;
        this.codec = codec;
        this.checkers = checkers;
        this.sensorOf = sensorOf;
        this.sensors = sensors;
        this.listener = listener;
    }

    /** Audits the next record of the topic. */
    void accept(SourcedRecord where) {
        records++;
        T record;
        try {
            record = codec.decode(where.value());
        } catch (UndecodableRecordException e) {
            undecodable++;
            findings.add(Finding.at(stream, FindingKind.UNDECODABLE, null, where, -1, e.getMessage()));
            return;
        }
        String sensorId = sensorOf.apply(record);
        SensorSummary sensor = sensors.apply(sensorId);
        if (stream == Finding.Stream.VERDICTS) {
            sensor.verdictRecord();
        } else {
            sensor.complianceRecord();
        }
        SensorChain chain = chains.computeIfAbsent(sensorId,
                s -> new SensorChain(checkers.get().sensorId(s).build()));
        long headBefore = chain.checker.headIndex();
        boolean rejected = false;
        boolean repeated = false;
        for (ChainFinding<T> f : chain.checker.check(record)) {
            switch (f.kind()) {
                case GAP -> chain.gaps.add(new PendingGap(headBefore + 1, f.chainIndex() - 1, where, f.chainIndex()));
                case UNKNOWN_KEY, BAD_SIGNATURE -> {
                    rejected = true;
                    if (f.chainIndex() >= 0) {
                        chain.accounted.add(f.chainIndex());
                    }
                    report(chain, sensor, where, f);
                }
                case REORDERED -> {
                    chain.accounted.add(f.chainIndex());
                    report(chain, sensor, where, f);
                }
                case DUPLICATE, CONFLICT -> {
                    repeated = true;
                    report(chain, sensor, where, f);
                }
                default -> report(chain, sensor, where, f);
            }
        }
        if (!rejected) {
            listener.verified(record, where, sensor, repeated);
        }
    }

    private void report(SensorChain chain, SensorSummary sensor, SourcedRecord where, ChainFinding<T> f) {
        FindingKind kind = FindingKind.valueOf(f.kind().name());
        chain.broken = true;
        sensor.finding(kind);
        findings.add(Finding.at(stream, kind, sensor.sensorId(), where, f.chainIndex(), f.detail()));
    }

    /** Settles the gaps, now that the whole stream has been read. */
    void finish() {
        for (Map.Entry<String, SensorChain> e : chains.entrySet()) {
            SensorChain chain = e.getValue();
            SensorSummary sensor = sensors.apply(e.getKey());
            for (PendingGap gap : chain.gaps) {
                List<long[]> missing = missing(gap.from(), gap.to(), chain.accounted);
                if (missing.isEmpty()) {
                    continue;
                }
                long n = missing.stream().mapToLong(r -> r[1] - r[0] + 1).sum();
                StringBuilder ranges = new StringBuilder();
                for (long[] r : missing) {
                    ranges.append(ranges.length() == 0 ? "" : ", ").append(r[0] == r[1] ? r[0] + "" : r[0] + ".." + r[1]);
                }
                chain.broken = true;
                sensor.finding(FindingKind.GAP);
                findings.add(Finding.at(stream, FindingKind.GAP, e.getKey(), gap.where(), gap.index(),
                        n + " record(s) missing from the chain (index " + ranges + ") before this record, and never"
                                + " seen later: deleted"));
            }
        }
    }

    /** The ranges of [from, to] not in {@code accounted}. */
    private static List<long[]> missing(long from, long to, NavigableSet<Long> accounted) {
        List<long[]> out = new ArrayList<>();
        long next = from;
        for (long i : accounted.subSet(from, true, to, true)) {
            if (i > next) {
                out.add(new long[] {next, i - 1});
            }
            next = i + 1;
        }
        if (next <= to) {
            out.add(new long[] {next, to});
        }
        return out;
    }

    List<Finding> findings() {
        return findings;
    }

    long records() {
        return records;
    }

    long undecodable() {
        return undecodable;
    }

    /** Sensors whose chain has at least one finding. */
    long brokenChains() {
        return chains.values().stream().filter(c -> c.broken).count();
    }

    /** Sensors with a chain in this topic. */
    int chains() {
        return chains.size();
    }
}
