package io.zkedge.audit;

import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.DeadLetterReason;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.UndecodableRecordException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Invariant 1 checked from outside: every committed record of the proofs topic is answered by
 * exactly one verified verdict ({@code sourcePartition}/{@code sourceOffset}) or one dead letter
 * that is not {@code LATE} (a LATE dead letter is derived from a verdict and answers nothing).
 *
 * <p>Answers are counted first, then the proofs are read: memory is one byte per offset of the
 * proofs topic's range plus one bit, whatever the records hold.
 */
final class Accounting {

    /** Counts of one proofs partition, indexed by offset - start. */
    private static final class PartitionCounts {
        final PartitionRange range;
        final byte[] answers;
        final BitSet present;

        PartitionCounts(PartitionRange range) {
            long n = range.endOffset() - range.startOffset();
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(range + " has too many offsets to account for in one audit");
            }
            this.range = range;
            this.answers = new byte[(int) n];
            this.present = new BitSet((int) n);
        }
    }

    private final String proofsTopic;
    private final Map<Integer, PartitionCounts> partitions = new HashMap<>();
    private final AvroCodec<DeadLetter> deadLetters = AvroCodec.forDeadLetters();
    private final AvroCodec<ProofRecord> proofs = AvroCodec.forProofRecords();
    private final List<Finding> findings = new ArrayList<>();
    private long proofRecords;
    private long answered;
    private long lost;
    private long duplicated;
    private long orphaned;
    private long deadLetterRecords;
    private long lateDeadLetters;
    private long foreignDeadLetters;

    Accounting(String proofsTopic, List<PartitionRange> proofRanges) {
        this.proofsTopic = proofsTopic;
        for (PartitionRange r : proofRanges) {
            partitions.put(r.partition(), new PartitionCounts(r));
        }
    }

    /** A verdict whose signature verified. */
    void verdict(int sourcePartition, long sourceOffset, SourcedRecord where) {
        answer(sourcePartition, sourceOffset, where, "verdict");
    }

    /** A record of the dead-letter topic. */
    void deadLetter(SourcedRecord where) {
        deadLetterRecords++;
        DeadLetter d;
        try {
            d = deadLetters.decode(where.value());
        } catch (UndecodableRecordException e) {
            findings.add(Finding.at(Finding.Stream.ACCOUNTING, FindingKind.UNDECODABLE, null, where, -1,
                    "dead letter: " + e.getMessage()));
            return;
        }
        if (d.getReason() == DeadLetterReason.LATE) {
            lateDeadLetters++;
            return;
        }
        String from = d.getSourceTopic() == null ? "" : d.getSourceTopic();
        if (!from.isEmpty() && !from.equals(proofsTopic)) {
            foreignDeadLetters++; // answers a record of another topic
            return;
        }
        answer(d.getSourcePartition(), d.getSourceOffset(), where, "dead letter " + d.getReason());
    }

    private void answer(int partition, long offset, SourcedRecord where, String what) {
        PartitionCounts p = partitions.get(partition);
        if (p == null || offset < p.range.startOffset() || offset >= p.range.endOffset()) {
            orphaned++;
            findings.add(Finding.at(Finding.Stream.ACCOUNTING, FindingKind.ORPHAN_ANSWER, null, where, -1,
                    what + " answers " + proofsTopic + "/" + partition + "@" + offset
                            + ", outside the proofs read (" + (p == null ? "no such partition" : "[" + p.range.startOffset()
                                    + ", " + p.range.endOffset() + ")") + ")"));
            return;
        }
        int i = (int) (offset - p.range.startOffset());
        if (p.answers[i] < Byte.MAX_VALUE) {
            p.answers[i]++;
        }
    }

    /** A committed record of the proofs topic; call after every answer has been counted. */
    void proof(SourcedRecord where) {
        proofRecords++;
        PartitionCounts p = partitions.get(where.partition());
        int i = (int) (where.offset() - p.range.startOffset());
        p.present.set(i);
        int n = p.answers[i];
        if (n == 1) {
            answered++;
        } else if (n == 0) {
            lost++;
            findings.add(Finding.at(Finding.Stream.ACCOUNTING, FindingKind.LOST, sensorOf(where), where, -1,
                    "no verified verdict and no dead letter answers this proof record"));
        } else {
            answered++;
            duplicated++;
            findings.add(Finding.at(Finding.Stream.ACCOUNTING, FindingKind.DUPLICATE_ANSWER, sensorOf(where), where, -1,
                    "answered " + (n == Byte.MAX_VALUE ? "at least " + n : n) + " times"));
        }
    }

    /** Answers that name an offset inside the range where no committed proof record was. */
    void finish() {
        for (PartitionCounts p : partitions.values()) {
            for (int i = 0; i < p.answers.length; i++) {
                if (p.answers[i] > 0 && !p.present.get(i)) {
                    orphaned++;
                    long offset = p.range.startOffset() + i;
                    findings.add(new Finding(Finding.Stream.ACCOUNTING, FindingKind.ORPHAN_ANSWER, null, proofsTopic,
                            p.range.partition(), offset, -1, p.answers[i] + " answer(s) name this offset, which holds no"
                                    + " committed proof record"));
                }
            }
        }
    }

    private String sensorOf(SourcedRecord proof) {
        try {
            return proofs.decode(proof.value()).getSensorId();
        } catch (UndecodableRecordException e) {
            return null;
        }
    }

    List<Finding> findings() {
        return findings;
    }

    AccountingSummary summary() {
        return new AccountingSummary(proofsTopic, proofRecords, answered, lost, duplicated, orphaned,
                deadLetterRecords, lateDeadLetters, foreignDeadLetters);
    }
}
