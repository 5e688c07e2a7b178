package io.zkedge.audit;

import static io.zkedge.audit.AuditorTest.complianceOf;
import static io.zkedge.audit.AuditorTest.verdictOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkedge.audit.testutils.ListSource;
import io.zkedge.audit.testutils.Tamper;
import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.embedded.EmbeddedKafkaExtension;
import io.zkedge.evidence.Ed25519Keys;
import io.zkedge.evidence.Ed25519PrivateKey;
import io.zkedge.jobs.testutils.TrustFixture;
import io.zkedge.jobs.testutils.VerificationPipeline;
import io.zkedge.operators.testutils.ProofFixtures;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit on the real thing: the verification job runs on a MiniCluster against the in-JVM
 * broker and writes signed verdict and compliance chains; the audit must pass them (with the
 * accounting of every proof record), and must catch each tampering of an export of them.
 */
class AuditJobITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final List<String> SENSORS = List.of("s-0", "s-1", "s-2");
    private static final int READINGS = 20;
    private static final Ed25519PrivateKey EDGE = Ed25519Keys.generate(new SecureRandom());
    private static final Ed25519PrivateKey INTRUDER = Ed25519Keys.generate(new SecureRandom());

    @TempDir
    static Path dir;

    private static VerificationPipeline job;
    private static int inputRecords;

    @BeforeAll
    static void runTheJob() throws Exception {
        assumeTrue(BundledModules.available(), "the Wasm modules are not bundled (build verifiers/)");
        ProofFixtures.warm(SENSORS, 0, READINGS);
        job = new VerificationPipeline(KAFKA.broker(), TrustFixture.create(dir, EDGE), "aud");
        List<ProducerRecord<byte[], byte[]>> input = new ArrayList<>();
        for (int seq = 0; seq < READINGS; seq++) {
            for (int s = 0; s < SENSORS.size(); s++) {
                input.add(job.proof(s % 2, ProofFixtures.valid(SENSORS.get(s), seq)));
            }
        }
        input.add(job.proof(0, ProofFixtures.valid("s-0", 4)));                   // a replay: verdict REPLAY
        input.add(new ProducerRecord<>(job.proofsTopic(), 1, null, "garbage".getBytes(StandardCharsets.UTF_8)));
        input.add(new ProducerRecord<>(job.proofsTopic(), 0, null, new byte[70_000])); // oversized
        inputRecords = input.size();
        job.produce(input);
        job.run(job.config(Map.of()));
        // The audit reads the topics itself: wait for the job's last commit markers first.
        for (String topic : List.of(job.verdictsTopic(), job.complianceTopic(), job.deadLetterTopic())) {
            job.topics().awaitStable(topic);
        }
    }

    @Test
    void shouldPassTheJobsStreamsReadFromKafkaAndAccountForEveryProofRecord() throws Exception {
        Auditor auditor = auditor();
        AuditReport report;
        try (AuditSource source = KafkaAuditSource.open(KAFKA.clientProperties(), auditor.topics())) {
            report = auditor.run(source, "kafka");
        }
        System.out.println(report.summary());

        assertThat(report.findings()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.verdictRecords()).isEqualTo(SENSORS.size() * READINGS + 1);
        assertThat(report.sensors()).containsOnlyKeys(SENSORS);
        assertThat(report.sensors().get("s-0").verdicts("REPLAY")).isEqualTo(1);
        assertThat(report.sensors().values()).allSatisfy(s -> assertThat(s.windows()).isNotEmpty());
        AccountingSummary a = report.accounting();
        assertThat(a.proofs()).isEqualTo(inputRecords);
        assertThat(a.answered()).isEqualTo(inputRecords);
        assertThat(a.lost()).isZero();
        assertThat(a.duplicated()).isZero();
        assertThat(a.orphaned()).isZero();
        assertThat(a.deadLetters() - a.lateDeadLetters()).isEqualTo(2);
    }

    @Test
    void shouldCatchEveryTamperingOfAnExportWithItsKindSensorAndOffset() throws Exception {
        Auditor auditor = auditor();
        Path export = dir.resolve("evidence.zka");
        try (AuditSource kafka = KafkaAuditSource.open(KAFKA.clientProperties(), auditor.topics())) {
            ExportFileWriter.write(kafka, auditor.topics(), export);
        }
        List<SourcedRecord> verdicts = new ArrayList<>();
        List<SourcedRecord> compliance = new ArrayList<>();
        List<SourcedRecord> deadLetters = new ArrayList<>();
        List<SourcedRecord> proofs = new ArrayList<>();
        try (ExportFileSource file = ExportFileSource.open(export)) {
            assertThat(auditor.run(file, "export").clean()).as("the untouched export").isTrue();
            file.read(job.verdictsTopic(), verdicts::add);
            file.read(job.complianceTopic(), compliance::add);
            file.read(job.deadLetterTopic(), deadLetters::add);
            file.read(job.proofsTopic(), proofs::add);
        }

        SourcedRecord forged = verdictOf(verdicts, "s-0", 3);
        SourcedRecord deleted = verdictOf(verdicts, "s-1", 5);
        SourcedRecord afterDeleted = verdictOf(verdicts, "s-1", 6);
        SourcedRecord swapA = verdictOf(verdicts, "s-2", 7);
        SourcedRecord swapB = verdictOf(verdicts, "s-2", 8);
        SourcedRecord replayed = verdictOf(verdicts, "s-0", 10);
        SourcedRecord resigned = verdictOf(verdicts, "s-1", 12);
        SourcedRecord deletedWindow = complianceOf(compliance, "s-2", 0);
        SourcedRecord firstWindowLeft = complianceOf(compliance, "s-2", 1);

        List<SourcedRecord> v = Tamper.flipSignatureByte(verdicts, forged);
        v = Tamper.delete(v, deleted);
        v = Tamper.swap(v, swapA, swapB);
        v = Tamper.replay(v, replayed);
        SourcedRecord replay = v.stream().filter(r -> r.partition() == replayed.partition())
                .reduce((x, y) -> y).orElseThrow();
        v = Tamper.resignVerdict(v, resigned, INTRUDER);
        List<SourcedRecord> c = Tamper.delete(compliance, deletedWindow);

        Path tampered = dir.resolve("tampered.zka");
        ExportFileWriter.write(new ListSource().with(job.verdictsTopic(), 2, v).with(job.complianceTopic(), 2, c)
                .with(job.deadLetterTopic(), 2, deadLetters).with(job.proofsTopic(), 2, proofs), auditor.topics(), tampered);
        AuditReport report;
        try (ExportFileSource file = ExportFileSource.open(tampered)) {
            report = auditor.run(file, "export file " + tampered);
        }
        System.out.println(report.summary());

        assertThat(report.findings()).filteredOn(f -> f.stream() != Finding.Stream.ACCOUNTING)
                .extracting(Finding::kind, Finding::sensorId, Finding::partition, Finding::offset)
                .containsExactlyInAnyOrder(
                        place(FindingKind.BAD_SIGNATURE, "s-0", forged),
                        place(FindingKind.GAP, "s-1", afterDeleted),
                        place(FindingKind.REORDERED, "s-2", swapB),
                        place(FindingKind.DUPLICATE, "s-0", replay),
                        place(FindingKind.UNKNOWN_KEY, "s-1", resigned),
                        place(FindingKind.GAP, "s-2", firstWindowLeft));
        // The forged, deleted and re-signed verdicts no longer answer their proofs; the replay answers twice.
        assertThat(report.findings()).filteredOn(f -> f.stream() == Finding.Stream.ACCOUNTING)
                .extracting(Finding::kind, Finding::sensorId, Finding::topic, Finding::partition, Finding::offset)
                .containsExactlyInAnyOrder(
                        source(FindingKind.LOST, forged), source(FindingKind.LOST, deleted),
                        source(FindingKind.LOST, resigned), source(FindingKind.DUPLICATE_ANSWER, replayed));
        assertThat(report.accounting().lost()).isEqualTo(3);
        assertThat(report.accounting().duplicated()).isEqualTo(1);

        Path reportDir = dir.resolve("report");
        ReportFiles.write(report, reportDir);
        assertThat(Files.readString(reportDir.resolve(ReportFiles.JSON)))
                .contains("\"clean\": false").contains("\"lost\": 3").contains("\"kind\": \"UNKNOWN_KEY\"");
        assertThat(Files.readString(reportDir.resolve(ReportFiles.HTML)))
                .contains("FAIL: 10 finding(s)").contains("<svg class=\"timeline\"").doesNotContain("http://", "https://");
    }

    private Auditor auditor() {
        return Auditor.builder().trustedKeys(List.of(EDGE.publicKey())).verdictsTopic(job.verdictsTopic())
                .complianceTopic(job.complianceTopic()).accountFor(job.proofsTopic(), job.deadLetterTopic()).build();
    }

    private static org.assertj.core.groups.Tuple place(FindingKind kind, String sensor, SourcedRecord r) {
        return tuple(kind, sensor, r.partition(), r.offset());
    }

    /** The accounting finding on the proof record that {@code verdict} answered. */
    private org.assertj.core.groups.Tuple source(FindingKind kind, SourcedRecord verdict) {
        Verdict v = Tamper.verdict(verdict);
        return tuple(kind, v.getSensorId(), job.proofsTopic(), v.getSourcePartition(), v.getSourceOffset());
    }

}
