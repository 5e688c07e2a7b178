package io.zkedge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkedge.bulletproofs.BundledModules;
import io.zkedge.bulletproofs.VerificationStatus;
import io.zkedge.embedded.EmbeddedKafkaExtension;
import io.zkedge.gateway.sim.FaultFractions;
import io.zkedge.gateway.sim.RecordKind;
import io.zkedge.gateway.sim.RecordSink;
import io.zkedge.gateway.sim.SensorSimulator;
import io.zkedge.gateway.sim.SimulatedRecord;
import io.zkedge.gateway.sim.SimulationStats;
import io.zkedge.gateway.testutils.Proofs;
import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProofGatewayITCase {

    private static final String TOPIC = "zkedge.proofs";

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension().withTopics(2, TOPIC);

    @Test
    void shouldPublishEverySimulatedRecordToKafka() throws Exception {
        assumeTrue(BundledModules.available(), "the Wasm modules are not bundled (build verifiers/)");
        List<SimulatedRecord> emitted = Collections.synchronizedList(new ArrayList<>());
        SimulationStats stats;
        GatewayCounters counters;
        try (ProofGateway gateway = ProofGateway.builder().setBootstrapServers(KAFKA.bootstrapServers()).build()) {
            SensorSimulator simulator = SensorSimulator.builder()
                    .setSensors(3)
                    .setRate(0)
                    .setReadingsPerSensor(20)
                    .setFaults(FaultFractions.none().withGarbage(0.1).withTampered(0.1))
                    .setSink(RecordSink.to(gateway).andThen(emitted::add))
                    .build();
            stats = simulator.run(Duration.ofMinutes(1));
            gateway.flush();
            counters = gateway.counters();
        }

        assertThat(counters.sent()).isEqualTo(stats.totalEmitted());
        assertThat(counters.acked()).isEqualTo(counters.sent());
        assertThat(counters.errors()).isZero();

        List<ConsumerRecord<String, byte[]>> read = readCommitted(emitted.size());
        assertThat(read).hasSize(emitted.size());
        AvroCodec<ProofRecord> codec = AvroCodec.forProofRecords();
        List<ProofRecord> good = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : read) {
            assertThat(record.key()).startsWith("sensor-");
            SimulatedRecord sent = emitted.stream().filter(e -> java.util.Arrays.equals(e.value(), record.value()))
                    .findFirst().orElseThrow();
            assertThat(record.key()).isEqualTo(sent.sensorId());
            if (sent.kind() == RecordKind.GOOD) {
                good.add(codec.decode(record.value()));
            }
        }
        assertThat(Proofs.verify(good)).isNotEmpty().containsOnly(VerificationStatus.VALID);
    }

    private static List<ConsumerRecord<String, byte[]>> readCommitted(int expected) {
        Properties props = KAFKA.clientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-it");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        return records;
    }
}
