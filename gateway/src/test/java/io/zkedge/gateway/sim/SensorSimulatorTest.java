package io.zkedge.gateway.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.zkedge.gateway.RangeSpec;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.UndecodableRecordException;
import io.zkedge.testutils.TestModules;
import io.zkedge.wasm.WasmModule;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's logic, with the fake prover module (fast stand-in proofs): fault fractions,
 * determinism, what each fault does, skips, pacing. {@link SensorSimulatorITCase} checks real proofs.
 */
class SensorSimulatorTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Clock FIXED_CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final int SENSORS = 3;
    private static final int READINGS = 200;
    /** The fake prover's proof: 64 zero bytes. */
    private static final ByteBuffer FAKE_PROOF = ByteBuffer.wrap(new byte[64]);
    private static final FaultFractions TEN_PERCENT_EACH = new FaultFractions(0.1, 0.1, 0.1, 0.1, 0.1);

    private static List<SimulatedRecord> faulty;
    private static SimulationStats faultyStats;

    private static WasmModule fakeProver;

    @BeforeAll
    static void runOneFaultySimulation() throws Exception {
        fakeProver = TestModules.load("fake_bulletproofs_prover");
        faulty = Collections.synchronizedList(new ArrayList<>());
        faultyStats = simulator(TEN_PERCENT_EACH, 0.0, faulty::add).run(Duration.ofMinutes(2));
    }

    @Test
    void shouldInjectEachFaultAtItsFraction() {
        long ticks = (long) SENSORS * READINGS;
        assertThat(faultyStats.ticks()).isEqualTo(ticks);
        assertThat(faultyStats.skippedOutOfRange()).isZero();
        // 600 draws at p = 0.1: mean 60, standard deviation about 7.3; allow four of them.
        for (RecordKind fault : List.of(RecordKind.TAMPERED, RecordKind.REPLAY, RecordKind.OUT_OF_ORDER,
                RecordKind.LATE, RecordKind.GARBAGE)) {
            assertThat(faultyStats.emitted(fault)).as(fault.name()).isCloseTo(60L, within(30L));
        }
        assertThat(faultyStats.emitted(RecordKind.GOOD)).isCloseTo(300L, within(50L));
        assertThat(faultyStats.totalEmitted()).isEqualTo(ticks).isEqualTo(faulty.size());
        Map<RecordKind, Long> counted = faulty.stream()
                .collect(Collectors.groupingBy(SimulatedRecord::kind, Collectors.counting()));
        assertThat(counted).isEqualTo(faultyStats.emitted().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Test
    void shouldEmitTheSameRecordsForTheSameSeed() throws Exception {
        List<SimulatedRecord> again = Collections.synchronizedList(new ArrayList<>());
        simulator(TEN_PERCENT_EACH, 0.0, again::add).run(Duration.ofMinutes(2));

        assertThat(fingerprint(again)).isEqualTo(fingerprint(faulty));
    }

    @Test
    void shouldMakeEachFaultWhatItsKindSays() {
        AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
        for (String sensor : List.of("sensor-001", "sensor-002", "sensor-003")) {
            List<SimulatedRecord> stream = faulty.stream().filter(r -> r.sensorId().equals(sensor)).toList();
            Set<Long> seenSeqs = new HashSet<>();
            long highestSeq = 0;
            for (int i = 0; i < stream.size(); i++) {
                SimulatedRecord r = stream.get(i);
                switch (r.kind()) {
                    case GARBAGE -> {
                        assertThat(r.value().length).isBetween(16, 200);
                        assertThatThrownBy(() -> codec.decode(r.value())).isInstanceOf(UndecodableRecordException.class);
                    }
                    case REPLAY -> {
                        // An exact copy of a good record the sensor sent before.
                        List<SimulatedRecord> before = stream.subList(0, i);
                        assertThat(before).anySatisfy(earlier -> {
                            assertThat(earlier.kind()).isIn(RecordKind.GOOD, RecordKind.OUT_OF_ORDER);
                            assertThat(earlier.value()).isEqualTo(r.value());
                        });
                    }
                    case TAMPERED -> {
                        assertThat(r.eventTime()).isEqualTo(NOW);
                        assertThat(r.proofRecord().getProof()).isNotEqualTo(FAKE_PROOF);
                    }
                    case OUT_OF_ORDER -> {
                        // Sent after a record with a higher sequence number.
                        assertThat(highestSeq).as("%s", r).isGreaterThan(r.seq());
                        assertThat(r.eventTime()).isEqualTo(NOW);
                    }
                    case LATE -> assertThat(r.eventTime()).isEqualTo(NOW.minus(Duration.ofHours(1)));
                    case GOOD -> {
                        assertThat(r.eventTime()).isEqualTo(NOW);
                        assertThat(r.proofRecord().getProof()).isEqualTo(FAKE_PROOF);
                    }
                }
                if (r.kind() != RecordKind.GARBAGE && r.kind() != RecordKind.REPLAY) {
                    assertThat(seenSeqs.add(r.seq())).as("fresh sequence number %s", r).isTrue();
                    highestSeq = Math.max(highestSeq, r.seq());
                }
            }
            // Readings use 1, 2, 3...: garbage and replays take none, nothing is skipped here.
            long readings = stream.stream().filter(r -> r.seq() > 0 && r.kind() != RecordKind.REPLAY).count();
            assertThat(seenSeqs).hasSize((int) readings).allSatisfy(seq -> assertThat(seq).isBetween(1L, readings));
        }
    }

    @Test
    void shouldSkipReadingsOutsideTheRangeAndLeaveGapsInTheSequence() throws Exception {
        List<SimulatedRecord> records = Collections.synchronizedList(new ArrayList<>());
        SimulationStats stats = simulator(FaultFractions.none(), 0.2, records::add).run(Duration.ofMinutes(2));

        long ticks = (long) SENSORS * READINGS;
        // 600 readings at p = 0.2: mean 120, standard deviation about 10.
        assertThat(stats.totalEmitted()).isEqualTo(ticks - stats.skippedOutOfRange());
        assertThat(records).allSatisfy(r -> assertThat(r.kind()).isEqualTo(RecordKind.GOOD));
        List<Long> seqs = records.stream().filter(r -> r.sensorId().equals("sensor-001")).map(SimulatedRecord::seq).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertThat(seqs.get(seqs.size() - 1)).isLessThanOrEqualTo(READINGS);
        assertThat(seqs.size()).isLessThan(READINGS);
    }

    @Test
    void shouldKeepToTheRate() throws Exception {
        List<SimulatedRecord> records = Collections.synchronizedList(new ArrayList<>());
        SensorSimulator simulator = SensorSimulator.builder()
                .setProverModule(fakeProver)
                .setSensors(2)
                .setRate(10)
                .setValueModel(i -> ValueModel.soilMoisture(0))
                .setSink(records::add)
                .build();

        SimulationStats stats = simulator.run(Duration.ofSeconds(3));

        // 10 per second for 3 seconds, the first reading at once.
        assertThat(stats.totalEmitted()).isBetween(25L, 32L);
        assertThat(simulator.isRunning()).isFalse();
    }

    @Test
    void shouldLoseNoReadingWhenStoppedWhileHoldingARecordBack() throws Exception {
        List<SimulatedRecord> records = Collections.synchronizedList(new ArrayList<>());
        SensorSimulator simulator = SensorSimulator.builder()
                .setProverModule(fakeProver)
                .setSensors(2)
                .setRate(20)
                .setFaults(FaultFractions.none().withOutOfOrder(1.0))
                .setValueModel(i -> ValueModel.soilMoisture(0))
                .setSink(records::add)
                .build();

        simulator.run(Duration.ofMillis(1500));

        for (String sensor : List.of("sensor-001", "sensor-002")) {
            List<Long> seqs = records.stream().filter(r -> r.sensorId().equals(sensor)).map(SimulatedRecord::seq)
                    .sorted().toList();
            assertThat(seqs).isNotEmpty();
            // 1, 2, ..., n: every reading was emitted once, the last held one included.
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(i + 1L);
            }
        }
    }

    @Test
    void shouldNameTheWrongSetting() {
        assertThatThrownBy(() -> SensorSimulator.builder().build()).hasMessageContaining("sink");
        assertThatThrownBy(() -> SensorSimulator.builder().setProverModule(fakeProver).setSink(r -> { })
                        .setSensors(0).build())
                .hasMessageContaining("sensors");
        assertThatThrownBy(() -> SensorSimulator.builder().setProverModule(fakeProver).setSink(r -> { })
                        .setRate(-1).build())
                .hasMessageContaining("rate");
        assertThatThrownBy(() -> new FaultFractions(0.5, 0.5, 0.1, 0, 0)).hasMessageContaining("add up to");
        assertThatThrownBy(() -> FaultFractions.none().withGarbage(1.5)).hasMessageContaining("garbage");
    }

    @Test
    void shouldReportASinkThatFails() {
        SensorSimulator simulator = SensorSimulator.builder()
                .setProverModule(fakeProver)
                .setSensors(1)
                .setRate(0)
                .setSink(r -> {
                    throw new IllegalStateException("broker gone");
                })
                .build();

        assertThatThrownBy(() -> simulator.run(Duration.ofSeconds(30)))
                .isInstanceOf(SimulationException.class)
                .hasMessageContaining("broker gone");
    }

    @Test
    void shouldStopAfterTheTotalNumberOfRecordsWhateverIsUnprovable() throws Exception {
        List<SimulatedRecord> records = Collections.synchronizedList(new ArrayList<>());
        SimulationStats stats = SensorSimulator.builder()
                .setProverModule(fakeProver)
                .setSensors(SENSORS)
                .setRate(0)
                .setThreads(2)
                .setTotalRecords(11)
                .setFaults(TEN_PERCENT_EACH)
                .setValueModel(i -> ValueModel.soilMoisture(0.4))
                .setClock(FIXED_CLOCK)
                .setSink(records::add)
                .build()
                .run(Duration.ofMinutes(1));

        assertThat(records).hasSize(11);
        assertThat(stats.totalEmitted()).isEqualTo(11);
        assertThat(stats.skippedOutOfRange()).as("at 40 %% some readings are unprovable").isPositive();
        // 11 over 3 sensors: 4, 4, 3.
        assertThat(records.stream().collect(Collectors.groupingBy(SimulatedRecord::sensorId, Collectors.counting())))
                .containsOnly(Map.entry("sensor-001", 4L), Map.entry("sensor-002", 4L), Map.entry("sensor-003", 3L));
    }

    private static SensorSimulator simulator(FaultFractions faults, double outOfRange, RecordSink sink) {
        return SensorSimulator.builder()
                .setProverModule(fakeProver)
                .setSensors(SENSORS)
                .setRate(0)
                .setThreads(2)
                .setReadingsPerSensor(READINGS)
                .setFaults(faults)
                .setValueModel(i -> ValueModel.soilMoisture(outOfRange))
                .setClock(FIXED_CLOCK)
                .setSeed(7)
                .setSink(sink)
                .build();
    }

    /** What a seed decides: per sensor, the kinds, sequence numbers and garbage bytes in order. */
    private static Map<String, List<String>> fingerprint(List<SimulatedRecord> records) {
        return records.stream().collect(Collectors.groupingBy(SimulatedRecord::sensorId, Collectors.mapping(
                r -> r.kind() + "#" + r.seq() + (r.kind() == RecordKind.GARBAGE ? Arrays.toString(r.value()) : ""),
                Collectors.toList())));
    }

    @Test
    void soilMoistureShouldDriftInsideItsRange() {
        ValueModel model = ValueModel.soilMoisture(0);
        java.util.Random random = new java.util.Random(1);
        RangeSpec range = model.range();
        long previous = model.next(random);
        for (int i = 0; i < 10_000; i++) {
            long v = model.next(random);
            assertThat(range.contains(v)).isTrue();
            assertThat(Math.abs(v - previous)).isLessThan(20);
            previous = v;
        }
    }
}
