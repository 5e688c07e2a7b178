package io.zkedge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkedge.schemas.AvroCodec;
import io.zkedge.schemas.ProofRecord;
import io.zkedge.schemas.ProofSystem;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ProofGatewayTest {

    private static final ProofRecord RECORD = ProofRecord.newBuilder()
            .setSensorId("soil-7")
            .setGatewayId("gw-1")
            .setSeq(9)
            .setEventTime(Instant.parse("2026-11-24T12:00:00Z"))
            .setProofSystem(ProofSystem.BULLETPROOFS)
            .setStatementId(ReadingProver.STATEMENT_ID)
            .setCommitment(ByteBuffer.wrap(new byte[32]))
            .setProof(ByteBuffer.wrap(new byte[672]))
            .setRange(new RangeSpec(0, 100, 8).toAvro())
            .setPublicInputs(List.of())
            .build();

    @Test
    void shouldPublishSingleObjectAvroKeyedBySensor() throws Exception {
        MockProducer<String, byte[]> producer = mockProducer();
        try (ProofGateway gateway = ProofGateway.builder().setProducer(producer).build()) {
            gateway.publish(RECORD);
        }

        ProducerRecord<String, byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("zkedge.proofs");
        assertThat(sent.key()).isEqualTo("soil-7");
        assertThat(sent.value()[0]).isEqualTo((byte) 0xC3);
        assertThat(sent.value()[1]).isEqualTo((byte) 0x01);
        assertThat(AvroCodec.forProofRecords().decode(sent.value())).isEqualTo(RECORD);
    }

    @Test
    void shouldCountSentAckedAndFailedRecords() {
        MockProducer<String, byte[]> producer = mockProducer();
        ProofGateway gateway = ProofGateway.builder().setProducer(producer).setTopic("proofs-test").build();

        gateway.publish(RECORD);
        gateway.publish(RECORD);
        gateway.publishRaw("soil-7", new byte[] {1, 2, 3});
        assertThat(gateway.counters()).isEqualTo(new GatewayCounters(3, 0, 0, null));
        assertThat(gateway.counters().inFlight()).isEqualTo(3);

        producer.completeNext();
        producer.errorNext(new NotEnoughReplicasException("only 0 in sync"));
        producer.completeNext();

        GatewayCounters counters = gateway.counters();
        assertThat(counters.sent()).isEqualTo(3);
        assertThat(counters.acked()).isEqualTo(2);
        assertThat(counters.errors()).isEqualTo(1);
        assertThat(counters.inFlight()).isZero();
        assertThat(counters.lastError()).contains("NotEnoughReplicasException").contains("only 0 in sync");
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("proofs-test");
    }

    @Test
    void shouldCountARecordThatCannotBeSentAsAnError() {
        MockProducer<String, byte[]> producer = mockProducer();
        ProofGateway gateway = ProofGateway.builder().setProducer(producer).build();
        producer.close();

        assertThatThrownBy(() -> gateway.publish(RECORD)).isInstanceOf(IllegalStateException.class);
        assertThat(gateway.counters().errors()).isEqualTo(1);
        assertThat(gateway.counters().sent()).isEqualTo(1);
    }

    @Test
    void shouldNameTheWrongSetting() {
        assertThatThrownBy(() -> ProofGateway.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> ProofGateway.builder().setBootstrapServers("127.0.0.1:9092").setTopic(" ").build())
                .hasMessageContaining("topic");
        assertThatThrownBy(() -> ProofGateway.builder().setBootstrapServers("127.0.0.1:9092")
                        .setProducerProperty("acks", "1").build())
                .hasMessageContaining("acks is fixed");
        assertThatThrownBy(() -> ProofGateway.builder().setBootstrapServers("127.0.0.1:9092")
                        .setProducerProperty("enable.idempotence", "false").build())
                .hasMessageContaining("enable.idempotence is fixed");
    }

    private static MockProducer<String, byte[]> mockProducer() {
        return new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    }
}
