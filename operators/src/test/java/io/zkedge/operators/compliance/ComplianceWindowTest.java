package io.zkedge.operators.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkedge.evidence.ChainChecker;
import io.zkedge.evidence.ChainPosition;
import io.zkedge.evidence.EvidenceSigner;
import io.zkedge.operators.guard.GuardDecision;
import io.zkedge.operators.guard.VerdictFactory;
import io.zkedge.operators.testutils.FakeProofs;
import io.zkedge.operators.testutils.ProofFixtures;
import io.zkedge.operators.testutils.TestSigner;
import io.zkedge.operators.verify.VerifiedProof;
import io.zkedge.schemas.ComplianceOutcome;
import io.zkedge.schemas.ComplianceRecord;
import io.zkedge.schemas.Verdict;
import io.zkedge.schemas.VerdictStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compliance window as the job builds it (tumbling event-time windows, {@link FinalFiringTrigger},
 * allowed lateness, late side output), on the keyed operator test harness.
 */
class ComplianceWindowTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final long LATENESS = 10_000;
    private static final long T0 = ProofFixtures.T0.toEpochMilli();
    private static final long END = T0 + WINDOW.toMillis();
    private static final OutputTag<Verdict> LATE = new OutputTag<>("late", TypeInformation.of(Verdict.class));
    private static final String SENSOR = "s-1";
    private static final int MAX_SILENT = 3;

    private KeyedOneInputStreamOperatorTestHarness<String, Verdict, ComplianceRecord> harness;
    private EvidenceSigner verdictSigner;
    private ChainPosition verdictChain;

    @BeforeEach
    void setUp() throws Exception {
        KeySelector<Verdict, String> bySensor = Verdict::getSensorId;
        WindowOperatorBuilder<Verdict, String, TimeWindow> builder = new WindowOperatorBuilder<>(
                TumblingEventTimeWindows.of(WINDOW), new FinalFiringTrigger(LATENESS), new ExecutionConfig(),
                TypeInformation.of(Verdict.class), bySensor, Types.STRING);
        builder.allowedLateness(Duration.ofMillis(LATENESS));
        builder.sideOutputLateData(LATE);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                builder.aggregate(new ComplianceAggregator(),
                        new ComplianceWindowFunction(ComplianceRule.defaults(WINDOW, Duration.ofSeconds(1)), TestSigner.provider(), MAX_SILENT),
                        TypeInformation.of(ComplianceCounts.class)),
                bySensor, Types.STRING);
        harness.open();
        verdictSigner = TestSigner.provider().open();
        verdictChain = ChainPosition.genesis();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void shouldFireOnceWhenTheAllowedLatenessHasPassed() throws Exception {
        for (long seq = 0; seq < 60; seq++) {
            if (seq != 10 && seq != 20) {
                process(seq, VerdictStatus.VALID);
            }
        }

        harness.processWatermark(END - 1);
        assertThat(harness.extractOutputValues()).as("not at the window's end").isEmpty();
        process(10, VerdictStatus.VALID); // late, but within the allowed lateness: counted
        harness.processWatermark(END - 1 + LATENESS);

        List<ComplianceRecord> records = harness.extractOutputValues();
        assertThat(records).hasSize(1);
        ComplianceRecord r = records.get(0);
        assertThat(r.getSensorId()).isEqualTo(SENSOR);
        assertThat(r.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(r.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(END));
        assertThat(r.getExpected()).isEqualTo(60);
        assertThat(r.getValid()).isEqualTo(59);
        assertThat(r.getMissing()).isEqualTo(1);
        assertThat(r.getOutcome()).isEqualTo(ComplianceOutcome.COMPLIANT);
        assertThat(r.getRule()).startsWith("COMPLIANT if valid >= 95%");
        assertThat(harness.numEventTimeTimers()).as("window state and timers cleaned up").isZero();
        assertThat(harness.numKeyedStateEntries()).as("only the compliance chain and the last window's end are left")
                .isEqualTo(2);
    }

    @Test
    void shouldSendVerdictsLaterThanTheLatenessToTheSideOutput() throws Exception {
        process(0, VerdictStatus.VALID);
        harness.processWatermark(END - 1 + LATENESS);

        process(1, VerdictStatus.VALID);

        assertThat(harness.getSideOutput(LATE)).hasSize(1);
        assertThat(harness.getSideOutput(LATE).peek().getValue().getSeq()).isEqualTo(1);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(harness.extractOutputValues().get(0).getValid()).isEqualTo(1);
    }

    @Test
    void shouldCountEachStatusAndJudgeTheWindow() throws Exception {
        for (long seq = 0; seq < 58; seq++) {
            process(seq, VerdictStatus.VALID);
        }
        process(58, VerdictStatus.INVALID);
        process(57, VerdictStatus.REPLAY);
        process(59, VerdictStatus.STALE);
        harness.processWatermark(Long.MAX_VALUE);

        ComplianceRecord r = harness.extractOutputValues().get(0);
        assertThat(r.getValid()).isEqualTo(58);
        assertThat(r.getInvalid()).isEqualTo(1);
        assertThat(r.getReplayed()).isEqualTo(1);
        assertThat(r.getStale()).isEqualTo(1);
        assertThat(r.getMissing()).isEqualTo(2);
        assertThat(r.getOutcome()).isEqualTo(ComplianceOutcome.NON_COMPLIANT);
    }

    @Test
    void shouldChainTheWindowsOfASensor() throws Exception {
        process(0, VerdictStatus.VALID);
        process(60, VerdictStatus.VALID);
        process(125, VerdictStatus.VALID);
        harness.processWatermark(Long.MAX_VALUE);

        List<ComplianceRecord> records = harness.extractOutputValues();
        assertThat(records).extracting(ComplianceRecord::getChainIndex).containsExactly(0L, 1L, 2L);
        assertThat(records).extracting(ComplianceRecord::getOutcome).containsOnly(ComplianceOutcome.INSUFFICIENT_DATA);
        ChainChecker<ComplianceRecord> checker = ChainChecker.complianceRecords().build();
        for (ComplianceRecord r : records) {
            assertThat(checker.check(r)).isEmpty();
        }
    }

    @Test
    void shouldReportEachSilentWindowWhenTheSensorIsHeardFromAgain() throws Exception {
        process(0, VerdictStatus.VALID); // window 0
        process(185, VerdictStatus.VALID); // window 3: windows 1 and 2 were silent
        harness.processWatermark(Long.MAX_VALUE);

        List<ComplianceRecord> records = harness.extractOutputValues();
        assertThat(records).extracting(r -> r.getWindowStart().toEpochMilli())
                .containsExactly(T0, T0 + 60_000, T0 + 120_000, T0 + 180_000);
        assertThat(records.subList(1, 3)).allSatisfy(r -> {
            assertThat(r.getValid() + r.getInvalid() + r.getReplayed() + r.getMalformed() + r.getStale()).isZero();
            assertThat(r.getMissing()).isEqualTo(r.getExpected()).isEqualTo(60);
            assertThat(r.getOutcome()).isEqualTo(ComplianceOutcome.INSUFFICIENT_DATA);
        });
        assertThat(records).extracting(ComplianceRecord::getChainIndex).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void shouldCoverTheOlderPartOfALongSilenceWithOneRecord() throws Exception {
        process(0, VerdictStatus.VALID); // window 0
        process(600, VerdictStatus.VALID); // window 10: windows 1..9 were silent
        harness.processWatermark(Long.MAX_VALUE);

        List<ComplianceRecord> records = harness.extractOutputValues();
        // window 0, windows 1..6 as one record, windows 7, 8, 9 one each, window 10
        assertThat(records).hasSize(1 + 1 + MAX_SILENT + 1);
        ComplianceRecord older = records.get(1);
        assertThat(older.getWindowStart().toEpochMilli()).isEqualTo(T0 + 60_000);
        assertThat(older.getWindowEnd().toEpochMilli()).isEqualTo(T0 + 420_000);
        assertThat(older.getExpected()).isEqualTo(6 * 60);
        assertThat(records.get(2).getWindowStart().toEpochMilli()).isEqualTo(T0 + 420_000);
        assertThat(records.get(4).getWindowEnd().toEpochMilli()).isEqualTo(T0 + 600_000);
        ChainChecker<ComplianceRecord> checker = ChainChecker.complianceRecords().build();
        for (ComplianceRecord r : records) {
            assertThat(checker.check(r)).isEmpty();
        }
    }

    /** A chained verdict for {@code seq} at {@code T0 + seq s}, processed with that timestamp. */
    private void process(long seq, VerdictStatus status) throws Exception {
        VerifiedProof proof = new VerifiedProof(FakeProofs.valid(SENSOR, seq), status, null, new byte[32], "b", 0, 0, seq);
        Verdict v = VerdictFactory.unsigned(proof, new GuardDecision(status, status == VerdictStatus.VALID ? null : "x"));
        verdictChain = verdictSigner.chain(v, verdictChain);
        harness.processElement(v, v.getEventTime().toEpochMilli());
    }
}
