package io.zkedge.audit;

import static io.zkedge.audit.testutils.EvidenceStreams.COMPLIANCE;
import static io.zkedge.audit.testutils.EvidenceStreams.PARTITIONS;
import static io.zkedge.audit.testutils.EvidenceStreams.VERDICTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.zkedge.audit.testutils.EvidenceStreams;
import io.zkedge.audit.testutils.ListSource;
import io.zkedge.audit.testutils.Tamper;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.DeadLetter;
import io.zkedge.schemas.DeadLetterReason;
import io.zkedge.schemas.UndecodableRecordException;
import io.zkedge.schemas.Verdict;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The audit on signed streams made exactly as the job signs them, clean and after each kind of
 * tampering: every tampering must be reported with its kind, sensor and offset, and nothing else.
 */
class AuditorTest {

    private static final Ed25519PrivateKey EDGE = seeded(7);
    private static final Ed25519PrivateKey SECOND_EDGE = seeded(8);
    private static final Ed25519PrivateKey INTRUDER = seeded(9);
    private static final List<String> SENSORS = List.of("s-a", "s-b", "s-c", "s-d");
    private static final int READINGS = 30;
    private static final EvidenceStreams STREAMS = new EvidenceStreams(EDGE, SENSORS, READINGS);

    private final List<SourcedRecord> verdicts = STREAMS.verdicts();
    private final List<SourcedRecord> compliance = STREAMS.compliance();

    @Test
    void shouldPassACleanStreamAndCountItsVerdictsAndWindows() throws Exception {
        AuditReport report = audit(verdicts, compliance);

        assertThat(report.findings()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.verdictRecords()).isEqualTo(SENSORS.size() * READINGS);
        assertThat(report.complianceRecords()).isEqualTo(SENSORS.size() * 3);
        assertThat(report.sensors()).containsOnlyKeys(SENSORS);
        SensorSummary a = report.sensors().get("s-a");
        assertThat(a.verdictsByStatus()).containsEntry("VALID", 24L).containsEntry("INVALID", 4L).containsEntry("REPLAY", 2L);
        assertThat(a.windows()).extracting(ComplianceWindow::outcome)
                .containsExactly("COMPLIANT", "COMPLIANT", "NON_COMPLIANT");
        assertThat(report.summary()).contains("RESULT       OK").contains("verdicts 120");
    }

    @Test
    void shouldReportAFlippedSignatureByteAsForgedAtItsOffsetOnly() throws Exception {
        SourcedRecord target = verdictOf(verdicts, "s-b", 12);

        AuditReport report = audit(Tamper.flipSignatureByte(verdicts, target), compliance);

        assertThat(places(report)).containsExactly(place(FindingKind.BAD_SIGNATURE, "s-b", target));
        assertThat(report.findings().get(0).chainIndex()).isEqualTo(12);
        assertThat(report.sensors().get("s-b").findings()).containsEntry(FindingKind.Category.FORGED, 1L);
    }

    @Test
    void shouldReportADeletedRecordAsAGapAtItsSuccessor() throws Exception {
        SourcedRecord deleted = verdictOf(verdicts, "s-c", 5);
        SourcedRecord successor = verdictOf(verdicts, "s-c", 6);

        AuditReport report = audit(Tamper.delete(verdicts, deleted), compliance);

        assertThat(places(report)).containsExactly(place(FindingKind.GAP, "s-c", successor));
        assertThat(report.findings().get(0).chainIndex()).isEqualTo(6);
        assertThat(report.findings().get(0).detail()).contains("1 record(s) missing").contains("index 5");
        assertThat(report.brokenVerdictChains()).isEqualTo(1);
    }

    @Test
    void shouldReportTwoSwappedRecordsAsOneReorderingNotAsADeletion() throws Exception {
        SourcedRecord first = verdictOf(verdicts, "s-a", 20);
        SourcedRecord second = verdictOf(verdicts, "s-a", 21);

        AuditReport report = audit(Tamper.swap(verdicts, first, second), compliance);

        // Offset of `second` now holds index 20, which arrives after index 21.
        assertThat(places(report)).containsExactly(place(FindingKind.REORDERED, "s-a", second));
        assertThat(report.findings().get(0).chainIndex()).isEqualTo(20);
    }

    @Test
    void shouldReportAReplayedRecordAsADuplicateAtTheReplaysOffset() throws Exception {
        SourcedRecord original = verdictOf(verdicts, "s-d", 3);
        List<SourcedRecord> tampered = Tamper.replay(verdicts, original);
        SourcedRecord copy = tampered.get(tampered.size() - 1);

        AuditReport report = audit(tampered, compliance);

        assertThat(places(report)).containsExactly(place(FindingKind.DUPLICATE, "s-d", copy));
        assertThat(copy.offset()).isGreaterThan(original.offset());
    }

    @Test
    void shouldReportARecordReSignedWithAnUntrustedKeyAsUnknownKey() throws Exception {
        SourcedRecord target = verdictOf(verdicts, "s-b", 0);

        AuditReport report = audit(Tamper.resignVerdict(verdicts, target, INTRUDER), compliance);

        assertThat(places(report)).containsExactly(place(FindingKind.UNKNOWN_KEY, "s-b", target));
        assertThat(report.findingsByCategory()).containsEntry(FindingKind.Category.UNKNOWN_KEY, 1L);
    }

    @Test
    void shouldReportARecordReSignedWithAnotherTrustedKeyAsABrokenLinkAtItsSuccessor() throws Exception {
        SourcedRecord target = verdictOf(verdicts, "s-c", 9);
        SourcedRecord successor = verdictOf(verdicts, "s-c", 10);

        AuditReport report = audit(Tamper.resignVerdict(verdicts, target, SECOND_EDGE), compliance,
                List.of(EDGE, SECOND_EDGE));

        assertThat(places(report)).containsExactly(place(FindingKind.BROKEN_LINK, "s-c", successor));
    }

    @Test
    void shouldReportAnUndecodableValueWhereItIsAndTheIndexItHidAsDeleted() throws Exception {
        SourcedRecord target = verdictOf(verdicts, "s-a", 7);
        SourcedRecord successor = verdictOf(verdicts, "s-a", 8);

        AuditReport report = audit(Tamper.overwrite(verdicts, target, "not avro".getBytes(StandardCharsets.UTF_8)),
                compliance);

        assertThat(places(report)).containsExactly(
                tuple(FindingKind.UNDECODABLE, null, target.partition(), target.offset()),
                place(FindingKind.GAP, "s-a", successor));
    }

    @Test
    void shouldCatchEveryTamperingAtOnceEachWithItsSensorAndOffset() throws Exception {
        SourcedRecord forged = verdictOf(verdicts, "s-a", 2);
        SourcedRecord deleted = verdictOf(verdicts, "s-b", 14);
        SourcedRecord afterDeleted = verdictOf(verdicts, "s-b", 15);
        SourcedRecord swapA = verdictOf(verdicts, "s-c", 28);
        SourcedRecord swapB = verdictOf(verdicts, "s-c", 29);
        SourcedRecord replayed = verdictOf(verdicts, "s-d", 0);
        SourcedRecord resigned = verdictOf(verdicts, "s-d", 17);
        SourcedRecord deletedWindow = complianceOf(compliance, "s-a", 1);
        SourcedRecord afterDeletedWindow = complianceOf(compliance, "s-a", 2);

        List<SourcedRecord> v = Tamper.flipSignatureByte(verdicts, forged);
        v = Tamper.delete(v, deleted);
        v = Tamper.swap(v, swapA, swapB);
        v = Tamper.replay(v, replayed);
        SourcedRecord replay = v.get(v.size() - 1);
        v = Tamper.resignVerdict(v, resigned, INTRUDER);
        List<SourcedRecord> c = Tamper.delete(compliance, deletedWindow);

        AuditReport report = audit(v, c);

        assertThat(places(report)).containsExactlyInAnyOrder(
                place(FindingKind.BAD_SIGNATURE, "s-a", forged),
                place(FindingKind.GAP, "s-b", afterDeleted),
                place(FindingKind.REORDERED, "s-c", swapB),
                place(FindingKind.DUPLICATE, "s-d", replay),
                place(FindingKind.UNKNOWN_KEY, "s-d", resigned),
                place(FindingKind.GAP, "s-a", afterDeletedWindow));
        assertThat(report.findings()).filteredOn(f -> f.stream() == Finding.Stream.COMPLIANCE)
                .extracting(Finding::topic).containsExactly(COMPLIANCE);
        assertThat(report.findingsByCategory()).containsEntry(FindingKind.Category.FORGED, 1L)
                .containsEntry(FindingKind.Category.DELETED, 2L).containsEntry(FindingKind.Category.REORDERED, 1L)
                .containsEntry(FindingKind.Category.REPLAYED, 1L).containsEntry(FindingKind.Category.UNKNOWN_KEY, 1L);
        assertThat(report.brokenVerdictChains()).isEqualTo(4);
        assertThat(report.brokenComplianceChains()).isEqualTo(1);
        assertThat(report.summary()).contains("RESULT       FAIL: 6 finding(s)").contains("forged 1").contains("deleted 2");
    }

    @Test
    void shouldAccountEachProofOnceIgnoringLateDeadLettersAndReportLostDuplicatedAndOrphaned() throws Exception {
        // Proofs at offsets 0..5 of partition 0; verdicts for 0..3 (0 twice), a dead letter for 4,
        // a LATE dead letter for 1 (not an answer), nothing for 5, and a dead letter for offset 9.
        List<SourcedRecord> proofs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            proofs.add(new SourcedRecord("t.proofs", 0, i, 0, new byte[] {1, 2, (byte) i}));
        }
        EvidenceStreams single = new EvidenceStreams(EDGE, List.of("s-a"), 4);
        List<SourcedRecord> v = single.verdicts(); // sourceOffset = seq * 10 for sensor 0: rewrite below
        v = withSourceOffsets(v, new long[] {0, 1, 2, 3});
        v = Tamper.replay(v, v.get(0));
        List<SourcedRecord> deadLetters = List.of(
                deadLetter(0, DeadLetterReason.UNDECODABLE, 4),
                deadLetter(1, DeadLetterReason.LATE, 1),
                deadLetter(2, DeadLetterReason.OVERSIZED, 9));

        ListSource source = new ListSource().with(VERDICTS, PARTITIONS, v).with(COMPLIANCE, PARTITIONS, List.of())
                .with("t.deadletter", 1, deadLetters).with("t.proofs", 1, proofs);
        AuditReport report = Auditor.builder().trustedKeys(List.of(EDGE.publicKey())).verdictsTopic(VERDICTS)
                .complianceTopic(COMPLIANCE).accountFor("t.proofs", "t.deadletter").build().run(source, "test");

        AccountingSummary a = report.accounting();
        assertThat(a.proofs()).isEqualTo(6);
        assertThat(a.answered()).isEqualTo(5);
        assertThat(a.lost()).isEqualTo(1);
        assertThat(a.duplicated()).isEqualTo(1);
        assertThat(a.orphaned()).isEqualTo(1);
        assertThat(a.lateDeadLetters()).isEqualTo(1);
        assertThat(report.findings()).filteredOn(f -> f.stream() == Finding.Stream.ACCOUNTING)
                .extracting(Finding::kind, Finding::topic, Finding::offset).containsExactlyInAnyOrder(
                        tuple(FindingKind.DUPLICATE_ANSWER, "t.proofs", 0L),
                        tuple(FindingKind.LOST, "t.proofs", 5L),
                        tuple(FindingKind.ORPHAN_ANSWER, "t.deadletter", 2L));
        assertThat(report.summary()).contains("lost 1  duplicated 1");
    }

    @Test
    void shouldNotLetASensorIdWriteControlCharactersToTheSummary() throws Exception {
        EvidenceStreams hostile = new EvidenceStreams(EDGE, List.of("s\u001b[2J-x"), 3);
        List<SourcedRecord> v = hostile.verdicts();
        v = Tamper.replay(v, v.get(0));

        AuditReport report = audit(v, hostile.compliance());

        assertThat(report.findings()).extracting(Finding::sensorId).containsExactly("s\u001b[2J-x");
        assertThat(report.summary()).contains("s?[2J-x").doesNotContain("\u001b");
    }

    // ---- helpers ----

    private static AuditReport audit(List<SourcedRecord> v, List<SourcedRecord> c) throws AuditInputException {
        return audit(v, c, List.of(EDGE));
    }

    private static AuditReport audit(List<SourcedRecord> v, List<SourcedRecord> c, List<Ed25519PrivateKey> trusted)
            throws AuditInputException {
        Auditor auditor = Auditor.builder().trustedKeys(trusted.stream().map(Ed25519PrivateKey::publicKey).toList())
                .verdictsTopic(VERDICTS).complianceTopic(COMPLIANCE).build();
        return auditor.run(new ListSource().with(VERDICTS, PARTITIONS, v).with(COMPLIANCE, PARTITIONS, c), "test");
    }

    private static List<Tuple> places(AuditReport report) {
        return report.findings().stream()
                .map(f -> tuple(f.kind(), f.sensorId(), f.partition(), f.offset())).toList();
    }

    private static Tuple place(FindingKind kind, String sensor, SourcedRecord r) {
        return tuple(kind, sensor, r.partition(), r.offset());
    }

    static SourcedRecord verdictOf(List<SourcedRecord> records, String sensor, long index) {
        return Tamper.find(records, r -> {
            Verdict v = Tamper.verdict(r);
            return v.getSensorId().equals(sensor) && v.getChainIndex() == index;
        });
    }

    static SourcedRecord complianceOf(List<SourcedRecord> records, String sensor, long index) {
        return Tamper.find(records, r -> {
            try {
                ComplianceRecord c = AvroCodec.forComplianceRecords().decode(r.value());
                return c.getSensorId().equals(sensor) && c.getChainIndex() == index;
            } catch (UndecodableRecordException e) {
                return false;
            }
        });
    }

    /** Re-makes a one-sensor verdict stream with the given source offsets (signed again, in order). */
    private static List<SourcedRecord> withSourceOffsets(List<SourcedRecord> records, long[] offsets) {
        AvroCodec<Verdict> codec = AvroCodec.forVerdicts();
        io.zkedge.evidence.EvidenceSigner signer = new io.zkedge.evidence.EvidenceSigner(EDGE);
        io.zkedge.evidence.ChainPosition position = io.zkedge.evidence.ChainPosition.genesis();
        List<SourcedRecord> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SourcedRecord r = records.get(i);
            Verdict v = Tamper.verdict(r);
            v.setSourcePartition(0);
            v.setSourceOffset(offsets[i]);
            position = signer.signChained(v, position);
            out.add(new SourcedRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), codec.encode(v)));
        }
        return out;
    }

    private static SourcedRecord deadLetter(long offset, DeadLetterReason reason, long sourceOffset) {
        DeadLetter d = DeadLetter.newBuilder().setReason(reason).setDetail("test").setSourceTopic("t.proofs")
                .setSourcePartition(0).setSourceOffset(sourceOffset).setKey(null)
                .setOriginal(ByteBuffer.wrap(new byte[] {1})).setReceivedAt(Instant.EPOCH).build();
        return new SourcedRecord("t.deadletter", 0, offset, 0, AvroCodec.forDeadLetters().encode(d));
    }

    private static Ed25519PrivateKey seeded(int b) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) b);
        return Ed25519PrivateKey.fromSeed(seed);
    }
}
